package dev.plugbench.results;

import dev.plugbench.harness.MetricSummary;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The runs of the index as the runs page and {@code GET /api/runs} show them: filtered by family,
 * task, plugin, plugin version, method, machine, folder and date, sorted by any column, a page at
 * a time; and one run with its methods, metrics and summary (mean, standard error and count over
 * the seeds whose cell succeeded, per method, parameters, setting and metric).
 */
final class RunsQuery {
    /** The filters {@link #list} takes, as query parameters of the same names. */
    static final List<String> FILTERS = List.of("family", "task", "plugin", "version", "method", "machine", "batch", "since", "until");
    /** The columns {@link #list} sorts by ({@code sort}), each ascending or descending ({@code order}). */
    static final Set<String> SORTS = Set.of("started", "family", "task", "machine", "batch", "cells", "failed", "seeds");

    private RunsQuery() {
    }

    /**
     * The runs that pass {@code filter}, sorted, a page of them, with the total count.
     *
     * @throws IllegalArgumentException for an unknown filter, sort column or order
     */
    static Map<String, Object> list(Connection c, Map<String, String> filter, String sort, String order, int limit, int offset) throws SQLException {
        for (String k : filter.keySet()) {
            if (!FILTERS.contains(k)) {
                throw new IllegalArgumentException("unknown filter '" + k + "'; the runs filter by " + FILTERS);
            }
        }
        if (!SORTS.contains(sort)) {
            throw new IllegalArgumentException("cannot sort by '" + sort + "'; sort by one of " + new java.util.TreeSet<>(SORTS));
        }
        if (!order.equals("asc") && !order.equals("desc")) {
            throw new IllegalArgumentException("order '" + order + "' is neither asc nor desc");
        }
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        for (String k : List.of("family", "task", "batch")) {
            if (filter.containsKey(k)) {
                where.append(" AND r.").append(k).append(" = ?");
                args.add(filter.get(k));
            }
        }
        if (filter.containsKey("machine")) {
            where.append(" AND r.machine LIKE ?");
            args.add("%" + filter.get("machine") + "%");
        }
        if (filter.containsKey("since")) {
            where.append(" AND r.started >= ?");
            args.add(filter.get("since"));
        }
        if (filter.containsKey("until")) {
            where.append(" AND r.started < ?");
            args.add(filter.get("until"));
        }
        if (filter.containsKey("plugin") || filter.containsKey("version") || filter.containsKey("method")) {
            where.append(" AND EXISTS (SELECT 1 FROM run_methods m WHERE m.run_id = r.id");
            for (String k : List.of("plugin", "version", "method")) {
                if (filter.containsKey(k)) {
                    where.append(" AND m.").append(k).append(" = ?");
                    args.add(filter.get(k));
                }
            }
            where.append(")");
        }
        long total;
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM runs r" + where)) {
            bind(s, args);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                total = r.getLong(1);
            }
        }
        List<Map<String, Object>> runs = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(RUN_COLUMNS + where + " ORDER BY r." + sort + " " + order + ", r.id " + order + " LIMIT ? OFFSET ?")) {
            List<Object> paged = new ArrayList<>(args);
            paged.add(limit);
            paged.add(offset);
            bind(s, paged);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    runs.add(row(r));
                }
            }
        }
        addPlugins(c, runs);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("total", total);
        out.put("offset", offset);
        out.put("limit", limit);
        out.put("runs", runs);
        return out;
    }

    private static final String RUN_COLUMNS = "SELECT r.id, r.root_id, r.path, r.batch, r.family, r.task, r.quick, r.description, r.seeds, r.started, "
            + "r.host_version, r.git_commit, r.java_version, r.machine, r.threads, r.executor, r.blas_core, r.statistics_test, r.alpha, r.cells, r.failed "
            + "FROM runs r";

    /** One run with its methods (plugin, version, hash), metrics (with directions), settings and summary; empty when there is none. */
    static java.util.Optional<Map<String, Object>> one(Connection c, long id) throws SQLException {
        Map<String, Object> run;
        try (PreparedStatement s = c.prepareStatement(RUN_COLUMNS + " WHERE r.id = ?")) {
            s.setLong(1, id);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return java.util.Optional.empty();
                }
                run = row(r);
            }
        }
        addPlugins(c, List.of(run));
        List<Map<String, Object>> methods = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT method, plugin, version, source, sha256 FROM run_methods WHERE run_id = ? ORDER BY method")) {
            s.setLong(1, id);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    methods.add(row(r));
                }
            }
        }
        run.put("methods", methods);
        List<Map<String, Object>> metrics = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT method, name, direction, target, description FROM run_metrics WHERE run_id = ? ORDER BY method, name")) {
            s.setLong(1, id);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    metrics.add(row(r));
                }
            }
        }
        run.put("metrics", metrics);
        Map<String, Map<String, Object>> settings = new TreeMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT setting, field, value, number FROM settings WHERE run_id = ?")) {
            s.setLong(1, id);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    double number = r.getDouble(4);
                    settings.computeIfAbsent(r.getString(1), k -> new TreeMap<>()).put(r.getString(2), r.wasNull() ? r.getString(3) : (Object) number);
                }
            }
        }
        run.put("settings", settings);
        run.put("summary", summary(c, id));
        return java.util.Optional.of(run);
    }

    /** Mean, standard error (sample standard deviation / sqrt n) and n per (method, params, setting, metric), over the cells that succeeded. */
    private static List<Map<String, Object>> summary(Connection c, long runId) throws SQLException {
        Map<List<String>, List<Double>> values = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT c.method, c.params, c.setting, n.name, v.value FROM cells c "
                + "JOIN cell_values v ON v.cell_id = c.id JOIN metric_names n ON n.id = v.metric_id "
                + "WHERE c.run_id = ? AND c.error IS NULL AND v.value IS NOT NULL ORDER BY c.method, c.params, c.setting, n.name, c.seed")) {
            s.setLong(1, runId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    values.computeIfAbsent(List.of(r.getString(1), r.getString(2), r.getString(3), r.getString(4)), k -> new ArrayList<>()).add(r.getDouble(5));
                }
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map.Entry<List<String>, List<Double>> e : values.entrySet()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("method", e.getKey().get(0));
            m.put("params", e.getKey().get(1));
            m.put("setting", e.getKey().get(2));
            m.put("metric", e.getKey().get(3));
            double[] v = e.getValue().stream().mapToDouble(Double::doubleValue).toArray();
            MetricSummary summary = MetricSummary.of(v);
            m.put("mean", summary.mean());
            m.put("stderr", summary.stderr());
            m.put("n", summary.n());
            out.add(m);
        }
        return out;
    }

    /** Each run's plugins as "plugin version" with their method counts, in {@code plugins}. */
    private static void addPlugins(Connection c, List<Map<String, Object>> runs) throws SQLException {
        if (runs.isEmpty()) {
            return;
        }
        Map<Long, Map<String, Object>> byId = new LinkedHashMap<>();
        runs.forEach(r -> {
            r.put("plugins", new ArrayList<Map<String, Object>>());
            byId.put(((Number) r.get("id")).longValue(), r);
        });
        String ids = String.join(",", byId.keySet().stream().map(String::valueOf).toList());
        try (PreparedStatement s = c.prepareStatement("SELECT run_id, plugin, version, COUNT(*) FROM run_methods WHERE run_id IN (" + ids + ") "
                + "GROUP BY run_id, plugin, version ORDER BY plugin")) {
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Map<String, Object> p = new LinkedHashMap<>();
                    p.put("plugin", r.getString(2));
                    p.put("version", r.getString(3));
                    p.put("methods", r.getInt(4));
                    @SuppressWarnings("unchecked")
                    List<Map<String, Object>> list = (List<Map<String, Object>>) byId.get(r.getLong(1)).get("plugins");
                    list.add(p);
                }
            }
        }
    }

    /** One result row as column name -> value, with the report's address for a run row. */
    static Map<String, Object> row(ResultSet r) throws SQLException {
        ResultSetMetaData md = r.getMetaData();
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            m.put(md.getColumnLabel(i), r.getObject(i));
        }
        if (m.containsKey("root_id") && m.containsKey("path")) {
            m.put("report", "/files/" + m.get("root_id") + "/" + m.get("path") + "/report.html");
            m.put("quick", Integer.valueOf(1).equals(m.get("quick")));
        }
        return m;
    }

    static void bind(PreparedStatement s, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            s.setObject(i + 1, args.get(i));
        }
    }
}
