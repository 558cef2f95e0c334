package dev.plugbench.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Results files in the documented format {@code plugbench.results/2} (sdk-docs/harness.md), written
 * the way the harness writes them (to a sibling, then renamed): task {@code demo/alpha} with methods
 * {@code zeta} and {@code mu} of plugin {@code fixture}, 8 seeds, metrics {@code accuracy} (higher)
 * and {@code seconds_spent} (descriptive). {@code zetaShift} moves zeta's accuracy, seed by seed.
 */
final class StoredRuns {
    static final int SEEDS = 8;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private StoredRuns() {
    }

    /** zeta's accuracy at a seed before any shift: 0.9 plus a fixed, seed-dependent wobble. */
    static double zeta(int seed) {
        return 0.9 + ((seed * 37) % 11 - 5) / 400.0;
    }

    static Path write(Path taskDir, String version, String started, double zetaShift) throws IOException {
        return write(taskDir, "demo", "alpha", version, started, zetaShift);
    }

    static Path write(Path taskDir, String family, String task, String version, String started, double zetaShift) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String setting : List.of("easy", "hard")) {
            for (int s = 0; s < SEEDS; s++) {
                double base = setting.equals("easy") ? 0 : -0.2;
                rows.add(row("zeta", Map.of(), setting, s, Map.of("accuracy", zeta(s) + base + zetaShift, "seconds_spent", 1.0 + s)));
                for (int k : new int[] {1, 2, 4}) {
                    rows.add(row("mu", Map.of("k", k), setting, s, Map.of("accuracy", 0.8 + base + k / 100.0, "seconds_spent", 2.0)));
                }
            }
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("schema", "plugbench.results/2");
        json.put("family", family);
        json.put("task", task);
        json.put("description", "a stored run for the results tests");
        json.put("quick", true);
        json.put("seeds", java.util.stream.IntStream.range(0, SEEDS).boxed().toList());
        json.put("metrics", List.of(Map.of("name", "accuracy", "direction", "higher", "description", "accuracy"),
                Map.of("name", "seconds_spent", "direction", "descriptive", "description", "a timing")));
        json.put("method_metrics", Map.of("zeta", List.of(), "mu", List.of()));
        json.put("statistics", Map.of("test", "wilcoxon", "alpha", 0.05));
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("host_version", "0.1.0");
        provenance.put("os", "Linux test amd64");
        provenance.put("cpu_count", 2);
        provenance.put("start_time", started);
        provenance.put("plugins", List.of(plugin("zeta", version), plugin("mu", version)));
        provenance.put("run", Map.of("settings", List.of("easy", "hard"), "threads", 2, "executor", "this JVM",
                "setting_fields", Map.of("easy", Map.of("noise", 0.1), "hard", Map.of("noise", 0.3))));
        json.put("provenance", provenance);
        json.put("rows", rows);
        json.put("summary", List.of());
        Files.createDirectories(taskDir);
        Path tmp = taskDir.resolve("results.json.tmp");
        MAPPER.writeValue(tmp.toFile(), json);
        Files.move(tmp, taskDir.resolve("results.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        Files.writeString(taskDir.resolve("report.html"), "<!DOCTYPE html><html><head><title>report " + task + " " + version
                + "</title></head><body><h1 id=\"report\">" + family + "/" + task + " " + version + "</h1></body></html>");
        return taskDir;
    }

    private static Map<String, Object> row(String method, Map<String, Object> params, String setting, int seed, Map<String, Double> metrics) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("method", method);
        r.put("params", params);
        r.put("setting", setting);
        r.put("seed", seed);
        r.put("metrics", metrics);
        r.put("seconds", 0.1);
        return r;
    }

    private static Map<String, Object> plugin(String method, String version) {
        return Map.of("method", method, "plugin", "fixture", "version", version, "source", "pf4j", "sha256", "0".repeat(64));
    }

    /** Three runs of demo/alpha at fixture 0.1.0, 0.2.0 and 0.3.0, a day apart; zeta's accuracy drops by 0.05 at 0.3.0. */
    static void threeVersions(Path root) throws IOException {
        write(root.resolve("v1/alpha"), "0.1.0", "2026-11-01T10:00:00Z", 0);
        write(root.resolve("v2/alpha"), "0.2.0", "2026-11-02T10:00:00Z", 0);
        write(root.resolve("v3/alpha"), "0.3.0", "2026-11-03T10:00:00Z", -0.05);
    }
}
