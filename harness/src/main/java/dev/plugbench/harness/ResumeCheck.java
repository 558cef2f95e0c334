package dev.plugbench.harness;

import dev.plugbench.api.bench.CellResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;

/**
 * The check that makes a resume trustworthy: a few cells read back from disk are computed again and
 * must come out bit for bit the same (wall-clock timings aside), or the resume is refused. The cell
 * files' digests catch damage and edits; this catches saved cells that other code, data or a
 * machine with other numerics produced under the same identity.
 */
final class ResumeCheck {
    /** How many read-back cells a resume recomputes. */
    static final int CELLS = 2;

    private ResumeCheck() {
    }

    /** Up to {@link #CELLS} indices of read-back, successful rows, drawn at random. */
    static List<Integer> pick(CellResult[] rows, Random random) {
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] != null && !rows[i].failed()) {
                candidates.add(i);
            }
        }
        List<Integer> picked = new ArrayList<>();
        while (picked.size() < CELLS && !candidates.isEmpty()) {
            picked.add(candidates.remove(random.nextInt(candidates.size())));
        }
        return picked;
    }

    /** How the recomputed row differs from the saved one, or empty when every metric but the timings is identical. */
    static Optional<String> compare(CellResult saved, CellResult recomputed) {
        String cell = saved.method() + " " + saved.setting() + " seed " + saved.seed();
        if (recomputed.failed()) {
            return Optional.of(cell + " failed when recomputed: " + recomputed.error());
        }
        for (Map.Entry<String, Double> e : saved.metrics().entrySet()) {
            if (isTiming(e.getKey())) {
                continue;
            }
            Double again = recomputed.metrics().get(e.getKey());
            if (!Objects.equals(e.getValue(), again)) {
                return Optional.of(cell + ": " + e.getKey() + " saved " + e.getValue() + ", recomputed " + again);
            }
        }
        for (String m : recomputed.metrics().keySet()) {
            if (!saved.metrics().containsKey(m) && !isTiming(m)) {
                return Optional.of(cell + ": metric " + m + " is new");
            }
        }
        return Optional.empty();
    }

    /** Wall-clock measurements, which differ run to run: by convention named {@code *_seconds} or {@code *_us_per_*}. */
    static boolean isTiming(String metric) {
        return metric.endsWith("_seconds") || metric.contains("_us_per_");
    }
}
