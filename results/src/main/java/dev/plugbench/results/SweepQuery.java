package dev.plugbench.results;

import dev.plugbench.harness.MetricSummary;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A metric against a swept parameter in one run, one line per method: the parameter is a method
 * parameter that takes two or more numeric values (a {@code --sweep}, or a method's own grid) or a
 * numeric field of the task's settings (a sample size, a width); each point is the mean ± standard
 * error over the seeds at that value. A method whose other parameters vary too gets a line per
 * assignment of them, and a line per setting when the parameter is a method's.
 */
final class SweepQuery {
    private SweepQuery() {
    }

    /** The parameters of the run that can be swept (numeric, two or more values) and its metrics. */
    static Map<String, Object> choices(Connection c, long run) throws SQLException {
        Map<String, Set<Double>> values = new TreeMap<>();
        for (String json : HistoryQuery.strings(c, "SELECT DISTINCT params FROM cells WHERE run_id = ?", List.of(run))) {
            HistoryQuery.parseParams(json).forEach((k, v) -> {
                if (v instanceof Number n) {
                    values.computeIfAbsent(k, x -> new TreeSet<>()).add(n.doubleValue());
                }
            });
        }
        try (PreparedStatement s = c.prepareStatement("SELECT field, number FROM settings WHERE run_id = ? AND number IS NOT NULL")) {
            s.setLong(1, run);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    values.computeIfAbsent(r.getString(1), x -> new TreeSet<>()).add(r.getDouble(2));
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("run", run);
        out.put("parameters", values.entrySet().stream().filter(e -> e.getValue().size() >= 2).map(Map.Entry::getKey).toList());
        out.put("metrics", HistoryQuery.strings(c, "SELECT DISTINCT n.name FROM cells c JOIN cell_values v ON v.cell_id = c.id "
                + "JOIN metric_names n ON n.id = v.metric_id WHERE c.run_id = ? ORDER BY 1", List.of(run)));
        return out;
    }

    /**
     * The lines of {@code metric} against {@code parameter}, points in increasing order of the parameter.
     *
     * @throws IllegalArgumentException when the run has no such parameter or metric (the message lists what it has)
     */
    static Map<String, Object> of(Connection c, long run, String parameter, String metric) throws SQLException {
        Map<String, Object> choices = choices(c, run);
        if (!((List<?>) choices.get("parameters")).contains(parameter)) {
            throw new IllegalArgumentException("run " + run + " has no swept parameter '" + parameter + "' (numeric, two or more values); its parameters: "
                    + choices.get("parameters"));
        }
        if (!((List<?>) choices.get("metrics")).contains(metric)) {
            throw new IllegalArgumentException("run " + run + " has no metric '" + metric + "'; its metrics: " + choices.get("metrics"));
        }
        Map<String, Map<String, Double>> settingFields = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT setting, field, number FROM settings WHERE run_id = ? AND number IS NOT NULL")) {
            s.setLong(1, run);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    settingFields.computeIfAbsent(r.getString(1), k -> new TreeMap<>()).put(r.getString(2), r.getDouble(3));
                }
            }
        }
        // line label -> x -> values over seeds
        Map<String, TreeMap<Double, List<Double>>> lines = new TreeMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT c.method, c.params, c.setting, v.value FROM cells c JOIN cell_values v ON v.cell_id = c.id "
                + "WHERE c.run_id = ? AND v.metric_id = (SELECT id FROM metric_names WHERE name = ?) AND c.error IS NULL AND v.value IS NOT NULL")) {
            s.setLong(1, run);
            s.setString(2, metric);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Map<String, Object> params = new TreeMap<>(HistoryQuery.parseParams(r.getString(2)));
                    String setting = r.getString(3);
                    Double x;
                    String label;
                    if (params.get(parameter) instanceof Number n) {
                        x = n.doubleValue();
                        params.remove(parameter);
                        label = r.getString(1) + (params.isEmpty() ? "" : " " + params) + " · " + setting;
                    } else {
                        x = settingFields.getOrDefault(setting, Map.of()).get(parameter);
                        label = r.getString(1) + (params.isEmpty() ? "" : " " + params);
                    }
                    if (x != null) {
                        lines.computeIfAbsent(label, k -> new TreeMap<>()).computeIfAbsent(x, k -> new ArrayList<>()).add(r.getDouble(4));
                    }
                }
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        lines.forEach((label, points) -> {
            List<Map<String, Object>> ps = new ArrayList<>();
            points.forEach((x, v) -> {
                MetricSummary m = MetricSummary.of(v.stream().mapToDouble(Double::doubleValue).toArray());
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("x", x);
                p.put("mean", m.mean());
                p.put("stderr", m.stderr());
                p.put("n", m.n());
                ps.add(p);
            });
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("label", label);
            line.put("points", ps);
            out.add(line);
        });
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("run", run);
        result.put("parameter", parameter);
        result.put("metric", metric);
        result.put("lines", out);
        return result;
    }
}
