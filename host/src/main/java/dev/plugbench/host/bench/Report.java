package dev.plugbench.host.bench;

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
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        return a >= 1e4 || a < 1e-3 ? String.format(Locale.ROOT, "%.3g", v) : String.format(Locale.ROOT, "%.4g", v);
    }

    /** A markdown table per setting: rows (method, params), columns metrics "mean ± stderr", the best in bold. */
    static String tables(TaskResult r, List<MetricSpec> specs) {
        StringBuilder sb = new StringBuilder();
        Set<String> settings = new LinkedHashSet<>();
        r.summary().forEach(s -> settings.add(s.setting()));
        List<String> metrics = metricNames(r, specs);
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
                    sb.append(' ').append(cell(row.metrics().get(m), rows, m, specs)).append(" |");
                }
                for (MethodColumn c : own) {
                    MetricSummary s = c.method().equals(row.method()) ? row.metrics().get(c.spec().name()) : null;
                    List<SummaryRow> same = rows.stream().filter(x -> x.method().equals(c.method())).toList();
                    sb.append(' ').append(cell(s, same, c.spec().name(), List.of(c.spec()))).append(" |");
                }
                sb.append(' ').append(row.failed()).append(" |\n");
            }
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

    private static String cell(MetricSummary s, List<SummaryRow> rows, String metric, List<MetricSpec> specs) {
        if (s == null) {
            return "-";
        }
        String cell = number(s.mean()) + " ± " + number(s.stderr());
        return isBest(rows, metric, s.mean(), specs) ? "**" + cell + "**" : cell;
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
    static String bySetting(TaskResult r, List<MetricSpec> specs) {
        List<String> settings = new ArrayList<>(new LinkedHashSet<>(r.summary().stream().map(SummaryRow::setting).toList()));
        if (settings.size() < 2) {
            return "";
        }
        StringBuilder sb = new StringBuilder("\n## Settings side by side\n\n| metric | method | params |");
        settings.forEach(st -> sb.append(' ').append(st).append(" |"));
        sb.append("\n|---|---|---|");
        settings.forEach(st -> sb.append("---|"));
        sb.append('\n');
        for (String metric : metricNames(r, specs)) {
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
                    sb.append(' ').append(m == null ? "-" : number(m.mean()) + " ± " + number(m.stderr())).append(" |");
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

    private static boolean isBest(List<SummaryRow> rows, String metric, double value, List<MetricSpec> specs) {
        MetricSpec spec = specs.stream().filter(s -> s.name().equals(metric)).findFirst().orElse(null);
        if (spec == null || rows.size() < 2) {
            return false;
        }
        double best = rows.stream().map(r -> r.metrics().get(metric)).filter(s -> s != null)
                .mapToDouble(MetricSummary::mean).reduce(spec.higherIsBetter() ? Math::max : Math::min).orElse(Double.NaN);
        return value == best;
    }

    /** The declared metrics that some row has (tables show only these; extra metrics stay in the JSON and CSV). */
    static List<String> metricNames(TaskResult r, List<MetricSpec> specs) {
        List<String> names = new ArrayList<>();
        specs.forEach(s -> names.add(s.name()));
        names.removeIf(n -> r.summary().stream().noneMatch(s -> s.metrics().containsKey(n)));
        return names;
    }

    /** Every metric of any row, declared ones first (the CSV's columns). */
    static List<String> allMetricNames(TaskResult r, List<MetricSpec> specs) {
        List<String> names = new ArrayList<>(metricNames(r, specs));
        r.rows().forEach(c -> c.metrics().keySet().forEach(k -> {
            if (!names.contains(k)) {
                names.add(k);
            }
        }));
        return names;
    }

    static String markdown(TaskResult r, BenchTask<?> task, List<String> plots) throws java.io.IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(r.family()).append(" / ").append(r.task()).append(r.quick() ? " (quick)" : "").append("\n\n");
        sb.append(task.description()).append("\n\n");
        sb.append("Mean ± standard error over seeds ").append(r.seeds()).append("; the best value of each column in bold.\n");
        sb.append("\nMetrics: ");
        sb.append(task.metrics().stream().map(m -> "`" + m.name() + "` (" + (m.higherIsBetter() ? "higher" : "lower")
                + " is better): " + m.description()).collect(Collectors.joining("; "))).append(".\n");
        List<String> own = new ArrayList<>();
        r.methodMetrics().forEach((method, specs) -> specs.forEach(m -> own.add("`" + method + ": " + m.name() + "` ("
                + (m.higherIsBetter() ? "higher" : "lower") + " is better): " + m.description())));
        if (!own.isEmpty()) {
            sb.append("Metrics the methods declare: ").append(String.join("; ", own)).append(".\n");
        }
        sb.append(tables(r, task.metrics()));
        sb.append(bySetting(r, task.metrics()));
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

    static String csv(TaskResult r, List<MetricSpec> specs) {
        List<String> metrics = allMetricNames(r, specs);
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
