package dev.plugbench.harness;

import dev.plugbench.api.bench.CellResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Completed cells on disk, one small JSON file each under {@code <task dir>/cells/}, written
 * atomically as each cell finishes, and named by the cell's full identity: what it computes and
 * what produced it. A resumed run reads back the cells whose identity it asks for; cells of other
 * plugin versions, task code or data are kept (a later comparison may read them) and never reused.
 */
final class CellStore {
    private final Path dir;

    CellStore(Path dir) {
        this.dir = dir;
    }

    /**
     * The stored row of {@code cell}, if it can be reused: a file that does not parse, whose digest
     * does not match its content (edited or damaged), or whose cell failed is not reused, and
     * {@code rejected} is told why (the cell then runs again and its file is rewritten).
     */
    Optional<CellResult> load(CellDescription cell, java.util.function.BiConsumer<Path, String> rejected) throws IOException {
        Path f = dir.resolve(cell.fileName());
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        Map<String, Object> m;
        try {
            m = Json.read(f);
        } catch (IOException e) {
            rejected.accept(f, "it does not parse as JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
            return Optional.empty();
        }
        if (!cell.key().equals(m.get("key"))) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> row = (Map<String, Object>) m.get("row");
        if (row == null || !digest(cell.key(), row).equals(m.get("digest"))) {
            rejected.accept(f, "its content does not match its digest (edited or damaged)");
            return Optional.empty();
        }
        CellResult r = Json.cell(row);
        if (r.failed()) {
            rejected.accept(f, "the cell failed last time (" + r.error() + ")");
            return Optional.empty();
        }
        return Optional.of(r);
    }

    void save(CellDescription cell, CellResult result) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", cell.key());
        m.put("computes", cell.computes());
        m.put("cell", cell.toJson());
        Map<String, Object> row = Json.row(result);
        m.put("row", row);
        m.put("digest", digest(cell.key(), row));
        AtomicFiles.write(dir.resolve(cell.fileName()), Json.bytes(m));
    }

    /**
     * SHA-256 of the key and the row as compact JSON: catches a damaged or hand-edited cell file (an
     * accident), not an adversary, who can rewrite the digest too.
     */
    static String digest(String key, Map<String, Object> row) throws IOException {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("key", key);
        content.put("row", row);
        try {
            byte[] h = java.security.MessageDigest.getInstance("SHA-256").digest(Json.COMPACT.writeValueAsBytes(content));
            return java.util.HexFormat.of().formatHex(h);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The producer keys stored for each computed quantity ({@link CellDescription#computes()}): how a resume
     * tells a cell never run from one run by another plugin version, task code or dataset.
     */
    Map<String, Set<String>> storedProducers() throws IOException {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
                Map<String, Object> m;
                try {
                    m = Json.read(f);
                } catch (IOException e) {
                    continue; // a damaged file: load() names it when its cell is asked for, and the cell runs again
                }
                Object computes = m.get("computes");
                Object key = m.get("key");
                if (computes instanceof String c && key instanceof String k && k.startsWith(c + "|")) {
                    String rest = k.substring(c.length() + 1);
                    out.computeIfAbsent(c, x -> new LinkedHashSet<>()).add(rest.substring(rest.indexOf('|') + 1));
                }
            }
        }
        return out;
    }

    /**
     * The mean seconds of the stored cells of each group ({@link CellOrder#group}: method, parameters and
     * setting, any seed, any earlier run into this folder), failed cells left out: what the harness
     * knows of how long a cell of the group takes.
     */
    Map<String, Double> secondsByGroup() throws IOException {
        Map<String, double[]> sums = new LinkedHashMap<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
                    try {
                        Map<String, Object> m = Json.read(f);
                        @SuppressWarnings("unchecked")
                        CellDescription cell = CellDescription.fromJson((Map<String, Object>) m.get("cell"));
                        @SuppressWarnings("unchecked")
                        CellResult row = Json.cell((Map<String, Object>) m.get("row"));
                        if (!row.failed()) {
                            double[] s = sums.computeIfAbsent(CellOrder.group(cell), k -> new double[2]);
                            s[0] += row.seconds();
                            s[1]++;
                        }
                    } catch (IOException | RuntimeException e) {
                        // a damaged or foreign file says nothing about times; load() names it when its cell is asked for
                    }
                }
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        sums.forEach((k, s) -> out.put(k, s[0] / s[1]));
        return out;
    }

    /** Forgets one cell (the watch mode reruns it). */
    void forget(CellDescription cell) throws IOException {
        Files.deleteIfExists(dir.resolve(cell.fileName()));
    }
}
