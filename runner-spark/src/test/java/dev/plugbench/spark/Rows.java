package dev.plugbench.spark;

import dev.plugbench.api.bench.CellResult;
import dev.plugbench.harness.TaskResult;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** A task's rows by cell, timing metrics left out: what must be bit-identical whichever executor ran the cells. */
final class Rows {
    private Rows() {
    }

    static Map<String, String> byCell(TaskResult r) {
        return r.rows().stream().collect(Collectors.toMap(c -> r.task() + "/" + c.method() + new TreeMap<>(c.params()) + "/" + c.setting() + "/" + c.seed(),
                Rows::values, (a, b) -> a, TreeMap::new));
    }

    private static String values(CellResult c) {
        if (c.failed()) {
            return "error: " + c.error();
        }
        Map<String, Double> m = new TreeMap<>(c.metrics());
        m.keySet().removeIf(k -> k.endsWith("_seconds") || k.contains("_us_")); // timings
        // Double.toString prints every bit that distinguishes two doubles
        return m.toString() + (c.series().isEmpty() ? "" : " series " + new TreeMap<>(c.series()).entrySet().stream()
                .map(e -> e.getKey() + java.util.Arrays.toString(e.getValue())).collect(Collectors.joining(",")));
    }
}
