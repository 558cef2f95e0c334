package dev.plugbench.results;

import dev.plugbench.api.MetricSpec;
import dev.plugbench.api.bench.CellResult;
import dev.plugbench.harness.MetricSummary;
import dev.plugbench.harness.RunComparison;
import dev.plugbench.harness.StatisticsOptions;
import dev.plugbench.harness.TaskResult;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A method's metric across the runs of one task, as asv's history view shows a benchmark: per
 * (parameters, setting), a point per run (mean ± standard error over the seeds, the plugin version,
 * the date), and at each point the verdict of the paired test against the previous run that had the
 * method, exactly as {@code plugbench compare} decides it ({@link RunComparison}: paired by seed,
 * Holm-corrected across the task's rows of that metric). Points where it got significantly worse
 * or better are the changes the chart marks.
 */
final class HistoryQuery {
    private HistoryQuery() {
    }

    /**
     * The history, oldest run first.
     *
     * @throws IllegalArgumentException when the index has no run of the task, or the method or metric is in none of them (the
     *                                  message lists what there is)
     */
    static Map<String, Object> of(Connection c, String family, String task, String method, String metric, StatisticsOptions options) throws SQLException {
        List<Map<String, Object>> runs = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT id, root_id, path, batch, started, quick, seeds FROM runs WHERE family = ? AND task = ? "
                + "ORDER BY started, id")) {
            s.setString(1, family);
            s.setString(2, task);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    runs.add(RunsQuery.row(r));
                }
            }
        }
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("the index has no run of " + family + "/" + task + "; its tasks: " + tasks(c));
        }
        MetricSpec spec = spec(c, family, task, method, metric);
        Map<Long, Map<String, String>> versions = versions(c, family, task);
        Map<Long, List<CellResult>> cells = cells(c, family, task, metric);
        List<Long> withMethod = runs.stream().map(r -> ((Number) r.get("id")).longValue())
                .filter(id -> cells.getOrDefault(id, List.of()).stream().anyMatch(x -> x.method().equals(method))).toList();
        if (withMethod.isEmpty()) {
            throw new IllegalArgumentException("no run of " + family + "/" + task + " has values of " + metric + " for method '" + method + "'; its methods: "
                    + methods(c, family, task));
        }
        Map<Long, Map<String, Object>> runById = new LinkedHashMap<>();
        runs.forEach(r -> runById.put(((Number) r.get("id")).longValue(), r));
        Map<List<String>, Map<String, Object>> series = new LinkedHashMap<>();
        Long previous = null;
        for (long id : withMethod) {
            Map<List<String>, RunComparison.Row> verdicts = new LinkedHashMap<>();
            if (previous != null) {
                RunComparison cmp = RunComparison.of(taskResult(family, task, runById.get(previous), cells.get(previous), versions.get(previous), spec),
                        taskResult(family, task, runById.get(id), cells.get(id), versions.get(id), spec), options);
                for (RunComparison.Row row : cmp.rows()) {
                    if (row.method().equals(method)) {
                        verdicts.put(List.of(paramsJson(row.params()), row.setting()), row);
                    }
                }
            }
            Map<List<String>, List<Double>> values = new LinkedHashMap<>();
            for (CellResult cell : cells.get(id)) {
                if (cell.method().equals(method)) {
                    values.computeIfAbsent(List.of(paramsJson(cell.params()), cell.setting()), k -> new ArrayList<>()).add(cell.metrics().get(metric));
                }
            }
            for (Map.Entry<List<String>, List<Double>> e : values.entrySet()) {
                Map<String, Object> line = series.computeIfAbsent(e.getKey(), k -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("params", k.get(0));
                    m.put("setting", k.get(1));
                    m.put("points", new ArrayList<Map<String, Object>>());
                    return m;
                });
                MetricSummary summary = MetricSummary.of(e.getValue().stream().mapToDouble(Double::doubleValue).toArray());
                Map<String, Object> run = runById.get(id);
                Map<String, Object> point = new LinkedHashMap<>();
                point.put("run", id);
                point.put("path", run.get("path"));
                point.put("report", run.get("report"));
                point.put("started", run.get("started"));
                point.put("version", versions.getOrDefault(id, Map.of()).getOrDefault(method, "-"));
                point.put("mean", summary.mean());
                point.put("stderr", summary.stderr());
                point.put("n", summary.n());
                RunComparison.Row v = verdicts.get(e.getKey());
                point.put("verdict", v == null ? null : v.verdict().label());
                point.put("p", v == null || Double.isNaN(v.adjustedP()) ? null : v.adjustedP());
                point.put("change", v == null ? null : v.difference().mean());
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> points = (List<Map<String, Object>>) line.get("points");
                points.add(point);
            }
            previous = id;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("family", family);
        out.put("task", task);
        out.put("method", method);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", spec.name());
        m.put("direction", spec.direction().name().toLowerCase(java.util.Locale.ROOT));
        m.put("description", spec.description());
        out.put("metric", m);
        out.put("test", options.test().label());
        out.put("alpha", options.alpha());
        out.put("series", new ArrayList<>(series.values()));
        return out;
    }

    /** The metric's direction as the latest run that declares it says (a task metric, or one the method declares). */
    private static MetricSpec spec(Connection c, String family, String task, String method, String metric) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT m.direction, m.target, m.description FROM run_metrics m JOIN runs r ON r.id = m.run_id "
                + "WHERE r.family = ? AND r.task = ? AND m.name = ? AND m.method IN ('', ?) ORDER BY r.started DESC, r.id DESC LIMIT 1")) {
            s.setString(1, family);
            s.setString(2, task);
            s.setString(3, metric);
            s.setString(4, method);
            try (ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    return spec(metric, r.getString(1), r.getDouble(2), r.getString(3));
                }
            }
        }
        List<String> known = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT DISTINCT n.name FROM runs r JOIN cells c ON c.run_id = r.id JOIN cell_values v ON v.cell_id = c.id "
                + "JOIN metric_names n ON n.id = v.metric_id WHERE r.family = ? AND r.task = ? AND c.method = ? ORDER BY n.name LIMIT 200")) {
            s.setString(1, family);
            s.setString(2, task);
            s.setString(3, method);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    known.add(r.getString(1));
                }
            }
        }
        if (known.contains(metric)) {
            return MetricSpec.descriptive(metric, "(direction unknown: a version-1 results file)");
        }
        throw new IllegalArgumentException("no metric '" + metric + "' of method '" + method + "' in the runs of " + family + "/" + task
                + "; its metrics: " + known);
    }

    static MetricSpec spec(String name, String direction, double target, String description) {
        return switch (direction) {
            case "higher" -> MetricSpec.higher(name, description);
            case "lower" -> MetricSpec.lower(name, description);
            case "target" -> MetricSpec.closestTo(name, target, description);
            default -> MetricSpec.descriptive(name, description);
        };
    }

    /** run id -> method -> its plugin version. */
    private static Map<Long, Map<String, String>> versions(Connection c, String family, String task) throws SQLException {
        Map<Long, Map<String, String>> out = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT m.run_id, m.method, m.version FROM run_methods m JOIN runs r ON r.id = m.run_id "
                + "WHERE r.family = ? AND r.task = ?")) {
            s.setString(1, family);
            s.setString(2, task);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.computeIfAbsent(r.getLong(1), k -> new TreeMap<>()).put(r.getString(2), r.getString(3));
                }
            }
        }
        return out;
    }

    /** run id -> its successful cells with this metric's value (every method: the paired test corrects across them). */
    private static Map<Long, List<CellResult>> cells(Connection c, String family, String task, String metric) throws SQLException {
        Map<Long, List<CellResult>> out = new LinkedHashMap<>();
        Map<String, Map<String, Object>> params = new java.util.HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT c.run_id, c.method, c.params, c.setting, c.seed, v.value FROM runs r "
                + "JOIN cells c ON c.run_id = r.id JOIN cell_values v ON v.cell_id = c.id "
                + "WHERE r.family = ? AND r.task = ? AND v.metric_id = (SELECT id FROM metric_names WHERE name = ?) AND c.error IS NULL AND v.value IS NOT NULL")) {
            s.setString(1, family);
            s.setString(2, task);
            s.setString(3, metric);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Map<String, Object> p = params.computeIfAbsent(r.getString(3), HistoryQuery::parseParams);
                    out.computeIfAbsent(r.getLong(1), k -> new ArrayList<>()).add(new CellResult(r.getString(2), p, r.getString(4), r.getLong(5),
                            Map.of(metric, r.getDouble(6)), 0, null, Map.of()));
                }
            }
        }
        return out;
    }

    /** A run rebuilt from the index with one metric: what {@link RunComparison} needs to pair it with another. */
    private static TaskResult taskResult(String family, String task, Map<String, Object> run, List<CellResult> cells, Map<String, String> versions,
                                         MetricSpec spec) {
        List<Map<String, Object>> plugins = new ArrayList<>();
        versions.forEach((m, v) -> plugins.add(Map.of("method", m, "version", v == null ? "-" : v)));
        return new TaskResult(family, task, Boolean.TRUE.equals(run.get("quick")), List.of(), Map.of("plugins", plugins), cells, List.of(),
                Path.of(String.valueOf(run.get("path"))), Map.of(), List.of(spec), "");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> parseParams(String json) {
        try {
            return ResultsFile.MAPPER.readValue(json, TreeMap.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a cell's params in the index are not JSON: " + json, e);
        }
    }

    static String paramsJson(Map<String, Object> params) {
        try {
            return ResultsFile.MAPPER.writeValueAsString(new TreeMap<>(params));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> tasks(Connection c) throws SQLException {
        return strings(c, "SELECT DISTINCT family || '/' || task FROM runs ORDER BY 1", List.of());
    }

    private static List<String> methods(Connection c, String family, String task) throws SQLException {
        return strings(c, "SELECT DISTINCT c.method FROM cells c JOIN runs r ON r.id = c.run_id WHERE r.family = ? AND r.task = ? ORDER BY 1",
                List.of(family, task));
    }

    static List<String> strings(Connection c, String sql, List<Object> args) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            RunsQuery.bind(s, args);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(r.getString(1));
                }
            }
        }
        return out;
    }
}
