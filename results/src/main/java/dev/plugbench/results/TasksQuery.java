package dev.plugbench.results;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** What the pages' pickers offer: every indexed family/task with its run count, methods, plugin versions and metrics. */
final class TasksQuery {
    private TasksQuery() {
    }

    static List<Map<String, Object>> of(Connection c) throws SQLException {
        Map<String, Map<String, Object>> tasks = new TreeMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT family, task, COUNT(*), MAX(started) FROM runs GROUP BY family, task")) {
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Map<String, Object> t = new LinkedHashMap<>();
                    t.put("family", r.getString(1));
                    t.put("task", r.getString(2));
                    t.put("runs", r.getLong(3));
                    t.put("latest", r.getString(4));
                    t.put("methods", new TreeSet<String>());
                    t.put("versions", new TreeSet<String>());
                    t.put("metrics", new ArrayList<Map<String, Object>>());
                    tasks.put(r.getString(1) + "/" + r.getString(2), t);
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement("SELECT DISTINCT r.family, r.task, m.method, m.plugin, m.version FROM run_methods m "
                + "JOIN runs r ON r.id = m.run_id")) {
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Map<String, Object> t = tasks.get(r.getString(1) + "/" + r.getString(2));
                    add(t, "methods", r.getString(3));
                    add(t, "versions", r.getString(4) + " " + r.getString(5));
                }
            }
        }
        // each metric once, with the direction of the latest run that declares it
        try (PreparedStatement s = c.prepareStatement("SELECT r.family, r.task, m.name, m.method, m.direction FROM run_metrics m JOIN runs r ON r.id = m.run_id "
                + "ORDER BY r.started DESC, r.id DESC")) {
            Map<String, java.util.Set<String>> seen = new java.util.HashMap<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String key = r.getString(1) + "/" + r.getString(2);
                    if (seen.computeIfAbsent(key, k -> new java.util.HashSet<>()).add(r.getString(4) + "\u0000" + r.getString(3))) {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("name", r.getString(3));
                        m.put("method", r.getString(4));
                        m.put("direction", r.getString(5));
                        @SuppressWarnings("unchecked")
                        List<Map<String, Object>> list = (List<Map<String, Object>>) tasks.get(key).get("metrics");
                        list.add(m);
                    }
                }
            }
        }
        return new ArrayList<>(tasks.values());
    }

    @SuppressWarnings("unchecked")
    private static void add(Map<String, Object> task, String field, String value) {
        if (task != null) {
            ((TreeSet<String>) task.get(field)).add(value);
        }
    }
}
