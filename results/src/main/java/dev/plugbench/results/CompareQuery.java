package dev.plugbench.results;

import dev.plugbench.harness.RunComparison;
import dev.plugbench.harness.StatisticsOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Two indexed runs side by side: the paired comparison {@code plugbench compare} prints
 * ({@link RunComparison}, computed from the two results.json files, the source of truth), and the
 * regressions since a plugin version, for a CI gate: per task, the latest run with that version
 * against the task's latest run.
 */
final class CompareQuery {
    private CompareQuery() {
    }

    /** Run B against run A ({@code b} empty: the latest other run of A's task). */
    static Map<String, Object> of(Connection c, Map<Long, Path> roots, long a, Optional<Long> b, StatisticsOptions options) throws SQLException {
        RunRef runA = ref(c, roots, a).orElseThrow(() -> new java.util.NoSuchElementException("no run " + a + " in the index"));
        RunRef runB;
        if (b.isPresent()) {
            runB = ref(c, roots, b.get()).orElseThrow(() -> new java.util.NoSuchElementException("no run " + b.get() + " in the index"));
        } else {
            long latest = latestOther(c, runA).orElseThrow(() -> new IllegalArgumentException("run " + a + " is the only run of " + runA.family() + "/"
                    + runA.task() + ": there is no later run to compare it with"));
            runB = ref(c, roots, latest).orElseThrow();
        }
        if (!runA.family().equals(runB.family()) || !runA.task().equals(runB.task())) {
            throw new IllegalArgumentException("run " + runA.id() + " is " + runA.family() + "/" + runA.task() + " and run " + runB.id() + " is " + runB.family()
                    + "/" + runB.task() + ": compare two runs of the same task");
        }
        RunComparison cmp = RunComparison.of(runA.file(), runB.file(), options);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("a", runA.summary());
        out.put("b", runB.summary());
        out.put("test", options.test().label());
        out.put("alpha", options.alpha());
        out.put("rows", rows(cmp.rows()));
        out.put("unmatched", cmp.unmatched());
        Map<String, Long> counts = new LinkedHashMap<>();
        cmp.rows().forEach(r -> counts.merge(r.verdict().label(), 1L, Long::sum));
        out.put("verdicts", counts);
        return out;
    }

    /**
     * The significant regressions of each task since {@code version} of {@code plugin}: per task with a run where one of the
     * plugin's methods had that version, that latest such run (A) against the task's latest run (B).
     */
    static Map<String, Object> regressions(Connection c, Map<Long, Path> roots, String plugin, String version, Optional<String> metric,
                                           StatisticsOptions options) throws SQLException {
        List<Map<String, Object>> compared = new ArrayList<>();
        List<Map<String, Object>> worse = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT r.family, r.task, MAX(r.started) FROM runs r JOIN run_methods m ON m.run_id = r.id "
                + "WHERE m.plugin = ? AND m.version = ? GROUP BY r.family, r.task ORDER BY r.family, r.task")) {
            s.setString(1, plugin);
            s.setString(2, version);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String family = r.getString(1);
                    String task = r.getString(2);
                    long a = runAt(c, family, task, plugin, version);
                    long b = latest(c, family, task);
                    Map<String, Object> pair = new LinkedHashMap<>();
                    pair.put("family", family);
                    pair.put("task", task);
                    pair.put("a", a);
                    pair.put("b", b);
                    compared.add(pair);
                    if (a != b) {
                        RunComparison cmp = RunComparison.of(ref(c, roots, a).orElseThrow().file(), ref(c, roots, b).orElseThrow().file(), options);
                        worse.addAll(rows(cmp.regressions(metric)));
                    }
                }
            }
        }
        if (compared.isEmpty()) {
            throw new IllegalArgumentException("no indexed run has plugin " + plugin + " at version " + version + "; its versions: "
                    + HistoryQuery.strings(c, "SELECT DISTINCT version FROM run_methods WHERE plugin = ? ORDER BY 1", List.of(plugin)));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("plugin", plugin);
        out.put("since", version);
        out.put("compared", compared);
        out.put("regressions", worse);
        return out;
    }

    private static List<Map<String, Object>> rows(List<RunComparison.Row> rows) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (RunComparison.Row r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("family", r.family());
            m.put("task", r.task());
            m.put("method", r.method());
            m.put("variant", r.variant());
            m.put("setting", r.setting());
            m.put("metric", r.metric().name());
            m.put("direction", r.metric().direction().name().toLowerCase(java.util.Locale.ROOT));
            m.put("mean_a", finite(r.meanA()));
            m.put("mean_b", finite(r.meanB()));
            m.put("difference", finite(r.difference().mean()));
            m.put("low", finite(r.difference().low()));
            m.put("high", finite(r.difference().high()));
            m.put("n", r.difference().n());
            m.put("p_holm", finite(r.adjustedP()));
            m.put("verdict", r.verdict().label());
            m.put("version_a", r.versionA());
            m.put("version_b", r.versionB());
            out.add(m);
        }
        return out;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** An indexed run and where its results.json is. */
    private record RunRef(long id, String family, String task, String path, String started, Path file) {
        Map<String, Object> summary() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("family", family);
            m.put("task", task);
            m.put("path", path);
            m.put("started", started);
            return m;
        }
    }

    private static Optional<RunRef> ref(Connection c, Map<Long, Path> roots, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT root_id, path, family, task, started FROM runs WHERE id = ?")) {
            s.setLong(1, id);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                Path root = roots.get(r.getLong(1));
                Path file = root == null ? null : root.resolve(r.getString(2)).resolve("results.json");
                if (file == null || !Files.isRegularFile(file)) {
                    throw new java.util.NoSuchElementException("run " + id + " (" + r.getString(2) + ") is no longer on disk; the next index drops it");
                }
                return Optional.of(new RunRef(id, r.getString(3), r.getString(4), r.getString(2), r.getString(5), file));
            }
        }
    }

    private static Optional<Long> latestOther(Connection c, RunRef a) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id FROM runs WHERE family = ? AND task = ? AND id <> ? ORDER BY started DESC, id DESC LIMIT 1")) {
            s.setString(1, a.family());
            s.setString(2, a.task());
            s.setLong(3, a.id());
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getLong(1)) : Optional.empty();
            }
        }
    }

    private static long latest(Connection c, String family, String task) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id FROM runs WHERE family = ? AND task = ? ORDER BY started DESC, id DESC LIMIT 1")) {
            s.setString(1, family);
            s.setString(2, task);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private static long runAt(Connection c, String family, String task, String plugin, String version) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT r.id FROM runs r WHERE r.family = ? AND r.task = ? AND EXISTS (SELECT 1 FROM run_methods m "
                + "WHERE m.run_id = r.id AND m.plugin = ? AND m.version = ?) ORDER BY r.started DESC, r.id DESC LIMIT 1")) {
            s.setString(1, family);
            s.setString(2, task);
            s.setString(3, plugin);
            s.setString(4, version);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }
}
