package dev.plugbench.harness;

import dev.plugbench.api.MetricSpec;
import dev.plugbench.api.bench.CellResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Aggregates cells over seeds: mean and standard error of each metric per (method, params, setting). */
final class Summaries {
    private Summaries() {
    }

    static List<SummaryRow> of(List<CellResult> rows, List<MetricSpec> declared) {
        Map<String, List<CellResult>> groups = new LinkedHashMap<>();
        for (CellResult c : rows) {
            groups.computeIfAbsent(c.method() + "|" + c.params() + "|" + c.setting(), k -> new ArrayList<>()).add(c);
        }
        List<SummaryRow> out = new ArrayList<>();
        for (List<CellResult> g : groups.values()) {
            CellResult first = g.get(0);
            List<String> names = new ArrayList<>();
            declared.forEach(m -> names.add(m.name()));
            g.forEach(c -> c.metrics().keySet().forEach(k -> {
                if (!names.contains(k)) {
                    names.add(k);
                }
            }));
            Map<String, MetricSummary> metrics = new LinkedHashMap<>();
            for (String name : names) {
                double[] v = g.stream().filter(c -> !c.failed() && c.metrics().containsKey(name))
                        .mapToDouble(c -> c.metrics().get(name)).toArray();
                if (v.length > 0) {
                    metrics.put(name, summarize(v));
                }
            }
            int failed = (int) g.stream().filter(CellResult::failed).count();
            out.add(new SummaryRow(first.method(), first.params(), first.setting(), metrics, failed));
        }
        return out;
    }

    static MetricSummary summarize(double[] v) {
        return MetricSummary.of(v);
    }
}
