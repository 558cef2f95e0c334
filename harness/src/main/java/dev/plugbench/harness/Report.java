package dev.plugbench.harness;

import dev.plugbench.api.MetricSpec;
import dev.plugbench.api.bench.BenchTask;
import dev.plugbench.api.bench.CellResult;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import dev.plugbench.harness.RunComparison.Verdict;

/** The human-readable forms of a task's results: report.md, results.csv, and the console table. */
final class Report {
    private Report() {
    }

    /** "k=v, k=v" of the parameters, or "defaults" when there are none. */
    static String paramsLabel(Map<String, Object> params) {
        return params.isEmpty() ? "-" : params.entrySet().stream().map(e -> e.getKey() + "=" + format(e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static String format(Object v) {
        return v instanceof Double d ? number(d) : String.valueOf(v);
    }

    static String number(double v) {
        return Numbers.value(v);
    }

    /**
     * A markdown table per setting: rows (method, params), columns metrics "mean ± stderr". A ranked
     * metric's best value is bold only when a paired test over seeds finds it better than every other
     * row; rows within noise of the best (or of the chosen reference) carry "≈". Descriptive metrics
     * carry no mark. A legend, and a note when the seeds are too few for any test, follow the tables.
     */
    static String tables(TaskResult r, StatisticsOptions options) {
        return tables(r, Comparisons.of(r, r.metrics(), options), options);
    }

    static String tables(TaskResult r, List<Comparisons.MetricComparison> comparisons, StatisticsOptions options) {
        StringBuilder sb = new StringBuilder();
        Set<String> settings = new LinkedHashSet<>();
        r.summary().forEach(s -> settings.add(s.setting()));
        List<String> metrics = metricNames(r);
        for (String setting : settings) {
            List<SummaryRow> rows = r.summary().stream().filter(s -> s.setting().equals(setting)).toList();
            if (settings.size() > 1 || !setting.equals("default")) {
                sb.append("\nSetting `").append(setting).append("`:\n");
            }
            List<MethodColumn> own = methodColumns(r, rows);
            sb.append("\n| method | version | params |");
            metrics.forEach(m -> sb.append(' ').append(m).append(" |"));
            own.forEach(c -> sb.append(' ').append(c.header()).append(" |"));
            sb.append(" failed |\n|---|---|---|");
            metrics.forEach(m -> sb.append("---|"));
            own.forEach(c -> sb.append("---|"));
            sb.append("---|\n");
            for (SummaryRow row : rows) {
                sb.append("| ").append(row.method()).append(" | ").append(version(r, row.method())).append(" | ")
                        .append(paramsLabel(row.params())).append(" |");
                for (String m : metrics) {
                    sb.append(' ').append(cell(row.metrics().get(m), Comparisons.find(comparisons, setting, m), Comparisons.variant(row.method(), row.params())))
                            .append(" |");
                }
                for (MethodColumn c : own) {
                    MetricSummary s = c.method().equals(row.method()) ? row.metrics().get(c.spec().name()) : null;
                    sb.append(' ').append(cell(s, null, null)).append(" |");
                }
                sb.append(' ').append(row.failed()).append(" |\n");
            }
        }
        sb.append(legend(comparisons, options));
        return sb.toString();
    }

    /** What the marks mean, and why there are none when the seeds are too few. */
    static String legend(List<Comparisons.MetricComparison> comparisons, StatisticsOptions options) {
        if (comparisons.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("\n");
        String test = options.test().label() + ", Holm-corrected, alpha " + options.alpha();
        List<Comparisons.MetricComparison> hopeless = comparisons.stream().filter(c -> c.maxPairs() < c.seedsNeeded(options)).toList();
        int needed = comparisons.stream().mapToInt(c -> c.seedsNeeded(options)).max().orElse(0);
        int most = comparisons.stream().mapToInt(Comparisons.MetricComparison::maxPairs).max().orElse(0);
        String hint = "Run --seeds " + needed + " or more" + (options.test() == dev.plugbench.harness.stats.PairedTest.WILCOXON
                ? ", or --test t if the differences are roughly normal" : "") + ".";
        if (hopeless.size() == comparisons.size()) {
            sb.append("No value is bold. With ").append(most).append(" paired seed").append(most == 1 ? "" : "s").append(" no difference can reach p < ")
                    .append(options.alpha()).append(" under the ").append(options.test().label()).append(" after Holm's correction over the rows compared")
                    .append(" (it needs at least ").append(needed).append(" paired seeds): every difference is within noise as far as this run can tell. ")
                    .append(hint);
            if (comparisons.stream().anyMatch(c -> c.outcomes().values().stream().anyMatch(o -> o.verdict() == Verdict.IDENTICAL))) {
                sb.append(" ≈ marks the best and the rows equal to it in every seed.");
            }
            sb.append('\n');
            return sb.toString();
        }
        if (options.reference().isPresent()) {
            sb.append("Marks (").append(test).append(", over the seeds both completed): **bold**: significantly better than `")
                    .append(options.reference().get()).append("` (ref); ≈: within noise of it; unmarked: significantly worse, or descriptive.\n");
        } else {
            sb.append("Marks (").append(test).append(", over the seeds both completed): **bold**: the best, significantly better than every other row; ")
                    .append("≈: the best and the rows within noise of it; unmarked: significantly worse than the best, or a descriptive metric.\n");
        }
        if (!hopeless.isEmpty()) {
            sb.append("Not marked, too few seeds for their number of rows: ").append(hopeless.stream().map(c -> c.metric().name() + " in " + c.setting())
                    .distinct().collect(Collectors.joining(", "))).append(". ").append(hint).append('\n');
        }
        return sb.toString();
    }

    /** A metric a method declares itself, shown as its own column, headed "method: metric". */
    record MethodColumn(String method, MetricSpec spec) {
        String header() {
            return method + ": " + spec.name();
        }
    }

    /** The columns of the metrics the table's methods declare and record in some row. */
    static List<MethodColumn> methodColumns(TaskResult r, List<SummaryRow> rows) {
        List<MethodColumn> out = new ArrayList<>();
        Set<String> methods = new LinkedHashSet<>();
        rows.forEach(row -> methods.add(row.method()));
        for (String m : methods) {
            for (MetricSpec spec : r.methodMetrics().getOrDefault(m, List.of())) {
                if (rows.stream().anyMatch(row -> row.method().equals(m) && row.metrics().containsKey(spec.name()))) {
                    out.add(new MethodColumn(m, spec));
                }
            }
        }
        return out;
    }

    private static String cell(MetricSummary s, Comparisons.MetricComparison mc, String variant) {
        if (s == null) {
            return "-";
        }
        String cell = Numbers.meanStderr(s.mean(), s.stderr());
        return switch (Comparisons.mark(mc, variant)) {
            case "best" -> "**" + cell + "**";
            case "tie" -> cell + " ≈";
            case "ref" -> cell + " (ref)";
            default -> cell;
        };
    }

    /** The plugin version of a method, from the provenance. */
    @SuppressWarnings("unchecked")
    static String version(TaskResult r, String method) {
        Object plugins = r.provenance().get("plugins");
        if (plugins instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> m && method.equals(m.get("method"))) {
                    return String.valueOf(m.get("version"));
                }
            }
        }
        return "-";
    }

    /**
     * When a task has several settings: each declared metric with the settings side by side, one line
     * per (method, params) reporting it, or one line "all" when every method gives the same values
     * (a property of the setting, such as the network's test error).
     */
    static String bySetting(TaskResult r) {
        List<String> settings = new ArrayList<>(new LinkedHashSet<>(r.summary().stream().map(SummaryRow::setting).toList()));
        if (settings.size() < 2) {
            return "";
        }
        StringBuilder sb = new StringBuilder("\n## Settings side by side\n\n| metric | method | params |");
        settings.forEach(st -> sb.append(' ').append(st).append(" |"));
        sb.append("\n|---|---|---|");
        settings.forEach(st -> sb.append("---|"));
        sb.append('\n');
        for (String metric : metricNames(r)) {
            Map<String, Map<String, MetricSummary>> byGroup = new java.util.LinkedHashMap<>();
            Map<String, SummaryRow> firstRow = new java.util.LinkedHashMap<>();
            for (SummaryRow row : r.summary()) {
                MetricSummary m = row.metrics().get(metric);
                if (m != null) {
                    String key = row.method() + " [" + paramsLabel(row.params()) + "]";
                    byGroup.computeIfAbsent(key, k -> new java.util.LinkedHashMap<>()).put(row.setting(), m);
                    firstRow.putIfAbsent(key, row);
                }
            }
            boolean allSame = byGroup.size() > 1 && byGroup.values().stream().map(Report::means).distinct().count() == 1;
            for (Map.Entry<String, Map<String, MetricSummary>> g : byGroup.entrySet()) {
                SummaryRow row = firstRow.get(g.getKey());
                sb.append("| ").append(metric).append(" | ").append(allSame ? "all" : row.method()).append(" | ")
                        .append(allSame ? "-" : paramsLabel(row.params())).append(" |");
                for (String st : settings) {
                    MetricSummary m = g.getValue().get(st);
                    sb.append(' ').append(m == null ? "-" : Numbers.meanStderr(m.mean(), m.stderr())).append(" |");
                }
                sb.append('\n');
                if (allSame) {
                    break;
                }
            }
        }
        return sb.toString();
    }

    private static List<Double> means(Map<String, MetricSummary> bySetting) {
        return bySetting.values().stream().map(MetricSummary::mean).toList();
    }

    /** The declared metrics that some row has (tables show only these; extra metrics stay in the JSON and CSV). */
    static List<String> metricNames(TaskResult r) {
        List<String> names = new ArrayList<>();
        r.metrics().forEach(s -> names.add(s.name()));
        names.removeIf(n -> r.summary().stream().noneMatch(s -> s.metrics().containsKey(n)));
        return names;
    }

    /** Every metric of any row, declared ones first (the CSV's columns). */
    static List<String> allMetricNames(TaskResult r) {
        List<String> names = new ArrayList<>(metricNames(r));
        r.rows().forEach(c -> c.metrics().keySet().forEach(k -> {
            if (!names.contains(k)) {
                names.add(k);
            }
        }));
        return names;
    }

    static String markdown(TaskResult r, List<String> plots, List<Comparisons.MetricComparison> comparisons, StatisticsOptions options)
            throws java.io.IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(r.family()).append(" / ").append(r.task()).append(r.quick() ? " (quick)" : "").append("\n\n");
        sb.append(r.description()).append("\n\n");
        sb.append("Mean ± standard error over seeds ").append(r.seeds()).append(".\n");
        sb.append("\nMetrics: ");
        sb.append(r.metrics().stream().map(m -> "`" + m.name() + "` (" + m.directionLabel() + "): " + m.description())
                .collect(Collectors.joining("; "))).append(".\n");
        List<String> own = new ArrayList<>();
        r.methodMetrics().forEach((method, specs) -> specs.forEach(m -> own.add("`" + method + ": " + m.name() + "` ("
                + m.directionLabel() + "): " + m.description())));
        if (!own.isEmpty()) {
            sb.append("Metrics the methods declare: ").append(String.join("; ", own)).append(".\n");
        }
        sb.append(tables(r, comparisons, options));
        sb.append(bySetting(r));
        sb.append(pairedSection(comparisons, Comparisons.shortLabels(r.rows()), options));
        long failures = r.rows().stream().filter(CellResult::failed).count();
        if (failures > 0) {
            sb.append("\nFailed cells:\n\n");
            r.rows().stream().filter(CellResult::failed).forEach(c -> sb.append("- ").append(c.method()).append(" [")
                    .append(paramsLabel(c.params())).append("] ").append(c.setting()).append(" seed ").append(c.seed())
                    .append(": ").append(c.error()).append('\n'));
        }
        if (!plots.isEmpty()) {
            sb.append("\n## Plots\n\n");
            plots.forEach(p -> sb.append("![").append(p).append("](").append(p).append(")\n"));
        }
        sb.append("\n## Provenance\n\n```json\n").append(Json.MAPPER.writeValueAsString(r.provenance())).append("\n```\n");
        return sb.toString();
    }

    /**
     * Every paired comparison of the tables: per setting and ranked metric, each row against the
     * reference, the mean difference (row minus reference, in the metric's units; for a target metric
     * the difference of distances to the target) with its 95% t interval, and the Holm-corrected p.
     */
    static String pairedSection(List<Comparisons.MetricComparison> comparisons, Map<String, String> labels, StatisticsOptions options) {
        if (comparisons.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("\n## Paired comparisons\n\n");
        sb.append("Each row against the reference of its setting and metric (").append(options.reference().map(m -> "`" + m + "`")
                .orElse("the best mean")).append(") over the seeds both completed: the mean difference (row minus reference; for a ")
                .append("closest-to-target metric, of the distances to the target) with its 95% t interval, and the p-value of the ")
                .append(options.test().label()).append(", Holm-corrected across the rows of the setting and metric.\n\n");
        sb.append("| setting | metric | reference | method | seeds | difference [95% CI] | p (Holm) | verdict |\n|---|---|---|---|---|---|---|---|\n");
        for (Comparisons.MetricComparison mc : comparisons) {
            for (Comparisons.Outcome o : mc.outcomes().values()) {
                var d = o.difference();
                double sign = mc.metric().direction() == MetricSpec.Direction.HIGHER ? -1 : 1;
                String interval = Double.isNaN(d.low()) ? Numbers.value(sign * d.mean())
                        : Numbers.value(sign * d.mean()) + " [" + Numbers.value(sign > 0 ? d.low() : -d.high()) + ", "
                        + Numbers.value(sign > 0 ? d.high() : -d.low()) + "]";
                sb.append("| ").append(mc.setting()).append(" | ").append(mc.metric().name()).append(" | ")
                        .append(labels.getOrDefault(mc.reference(), mc.reference())).append(" | ").append(labels.getOrDefault(o.variant(), o.variant())).append(" | ").append(d.n()).append(" | ").append(interval).append(" | ")
                        .append(Numbers.p(o.adjustedP())).append(" | ").append(o.verdict().label()).append(" |\n");
            }
        }
        return sb.toString();
    }

    static String csv(TaskResult r) {
        List<String> metrics = allMetricNames(r);
        StringBuilder sb = new StringBuilder("method,params,setting,seed,seconds,error");
        metrics.forEach(m -> sb.append(',').append(m));
        sb.append('\n');
        for (CellResult c : r.rows()) {
            sb.append(csvCell(c.method())).append(',').append(csvCell(paramsLabel(c.params()))).append(',').append(csvCell(c.setting()))
                    .append(',').append(c.seed()).append(',').append(String.format(Locale.ROOT, "%.3f", c.seconds())).append(',')
                    .append(c.error() == null ? "" : csvCell(c.error()));
            for (String m : metrics) {
                Double v = c.metrics().get(m);
                sb.append(',').append(v == null ? "" : Double.toString(v));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String csvCell(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
