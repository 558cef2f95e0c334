package dev.plugbench.results;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.sqlite.SQLiteConfig;

/**
 * The results index: every {@code results.json} under one or more results roots, in one SQLite
 * file (schema in {@code schema.sql}, documented in sdk-docs/results.md): runs, plugin versions and
 * hashes, settings, every metric value of every cell, provenance. The run folders stay the source
 * of truth: {@link #refresh()} brings the index in line with them (new and changed files read, the
 * rows of vanished ones dropped), one SQLite transaction per run, so a reader never sees half a run
 * and an index killed mid-way (kill -9) is repaired by the next refresh. Several processes may read
 * and refresh the same file at once (SQLite's write-ahead log): {@code serve} reads while a finished
 * {@code bench} adds its run.
 *
 * <pre>{@code
 * try (ResultsIndex index = ResultsIndex.ofRoot(Path.of("bench-results"))) {
 *     ResultsIndex.Refresh r = index.refresh();   // r.added(), r.problems() ...
 * }
 * }</pre>
 */
public final class ResultsIndex implements AutoCloseable {
    /** The index file a results root holds ({@link #ofRoot}). */
    public static final String FILE_NAME = ".plugbench-index.sqlite";
    /** Overrides where {@link #user()} keeps its file (tests, or a shared folder). */
    public static final String USER_FILE_PROPERTY = "plugbench.results.index";
    private static final int SCHEMA_VERSION = 1;
    private static final int MAX_DEPTH = 8;

    private final Path file;
    private final String url;
    private final Connection writer;
    private final Map<String, Long> metricIds = new HashMap<>();

    /**
     * What a refresh did.
     *
     * @param added     runs indexed for the first time
     * @param updated   runs whose results.json changed and were indexed again
     * @param removed   runs whose results.json is gone
     * @param unchanged runs already indexed as they are
     * @param problems  files that could not be indexed, each with its reason (they are tried again next time)
     * @param took      how long it took
     */
    public record Refresh(int added, int updated, int removed, int unchanged, List<String> problems, Duration took) {
        /** Runs the index holds after the refresh. */
        public int runs() {
            return added + updated + unchanged;
        }
    }

    private ResultsIndex(Path file) {
        this.file = file.toAbsolutePath().normalize();
        this.url = "jdbc:sqlite:" + this.file;
        try {
            Files.createDirectories(this.file.getParent());
            SQLiteConfig config = new SQLiteConfig();
            config.setBusyTimeout(30_000);
            config.setJournalMode(SQLiteConfig.JournalMode.WAL); // readers and one writer at once, across processes
            config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL); // WAL stays consistent on a crash; the last commits may be redone
            config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE); // a refresh takes the write lock when it begins
            writer = config.createConnection(url);
            createSchema();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the folder of the results index " + this.file + ": " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the results index " + this.file + ": " + e.getMessage()
                    + " (a damaged file can be deleted: plugbench index rebuilds it from the run folders)", e);
        }
    }

    /** Opens (creating if needed) the index in {@code file}. */
    public static ResultsIndex open(Path file) {
        return new ResultsIndex(file);
    }

    /** The index of one results root, kept in the root itself ({@value #FILE_NAME}), with the root registered. */
    public static ResultsIndex ofRoot(Path root) {
        ResultsIndex index = open(realFolder(root).resolve(FILE_NAME));
        index.addRoot(root);
        return index;
    }

    /**
     * The user's index: the folders the CLI's runs wrote (it adds each run's folder when the run ends), in
     * {@code $XDG_STATE_HOME/plugbench/results.sqlite} (else {@code ~/.local/state/plugbench/results.sqlite}, or the
     * file {@value #USER_FILE_PROPERTY} names).
     */
    public static ResultsIndex user() {
        return open(userFile());
    }

    /** Where {@link #user()} keeps its file. */
    public static Path userFile() {
        String set = System.getProperty(USER_FILE_PROPERTY);
        if (set != null && !set.isBlank()) {
            return Path.of(set);
        }
        String xdg = System.getenv("XDG_STATE_HOME");
        Path state = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "state");
        return state.resolve("plugbench").resolve("results.sqlite");
    }

    /** The SQLite file. */
    public Path file() {
        return file;
    }

    private void createSchema() throws SQLException {
        String ddl;
        try (InputStream in = ResultsIndex.class.getResourceAsStream("schema.sql")) {
            ddl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("schema.sql is missing from plugbench-results", e);
        }
        synchronized (writer) {
            inTransaction(() -> {
                try (Statement s = writer.createStatement()) {
                    for (String statement : ddl.replaceAll("--[^\n]*", "").split(";")) {
                        if (!statement.isBlank()) {
                            s.execute(statement);
                        }
                    }
                    try (ResultSet r = s.executeQuery("SELECT value FROM meta WHERE key = 'schema_version'")) {
                        if (r.next() && Integer.parseInt(r.getString(1)) != SCHEMA_VERSION) {
                            throw new SQLException("the file has index schema " + r.getString(1) + ", this version reads " + SCHEMA_VERSION);
                        }
                    }
                    s.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', '" + SCHEMA_VERSION + "')");
                }
            });
        }
    }

    /**
     * Adds a results root (a folder runs write into, or that holds such folders). A root inside one already indexed adds
     * nothing; one that holds indexed roots takes their place (their runs are indexed again under it, once).
     *
     * @throws IllegalArgumentException when the folder does not exist
     */
    public void addRoot(Path root) {
        Path real = realFolder(root);
        synchronized (writer) {
            try {
                List<Path> roots = roots();
                if (roots.stream().anyMatch(real::startsWith)) {
                    return;
                }
                Map<Long, Path> inner = rootIds();
                inTransaction(() -> {
                    for (Map.Entry<Long, Path> r : inner.entrySet()) {
                        if (r.getValue().startsWith(real)) {
                            for (long run : runIdsOfRoot(r.getKey())) {
                                deleteRun(run);
                            }
                            try (PreparedStatement d = writer.prepareStatement("DELETE FROM roots WHERE id = ?")) {
                                d.setLong(1, r.getKey());
                                d.executeUpdate();
                            }
                        }
                    }
                    try (PreparedStatement s = writer.prepareStatement("INSERT OR IGNORE INTO roots (path) VALUES (?)")) {
                        s.setString(1, real.toString());
                        s.executeUpdate();
                    }
                });
            } catch (SQLException e) {
                throw new IllegalStateException("cannot add the results root " + real + " to " + file + ": " + e.getMessage(), e);
            }
        }
    }

    private static Path realFolder(Path root) {
        try {
            Path real = root.toRealPath();
            if (!Files.isDirectory(real)) {
                throw new IllegalArgumentException(root + " is not a folder: give the folder your runs wrote (bench or demo --out)");
            }
            return real;
        } catch (IOException e) {
            throw new IllegalArgumentException(root + " does not exist: give the folder your runs wrote (bench or demo --out)", e);
        }
    }

    /** The registered roots, in the order they were added. */
    public List<Path> roots() {
        return List.copyOf(rootIds().values());
    }

    Map<Long, Path> rootIds() {
        Map<Long, Path> out = new LinkedHashMap<>();
        synchronized (writer) {
            try (Statement s = writer.createStatement(); ResultSet r = s.executeQuery("SELECT id, path FROM roots ORDER BY id")) {
                while (r.next()) {
                    out.put(r.getLong(1), Path.of(r.getString(2)));
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the roots of " + file + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** Brings the index in line with the run folders of every root. */
    public Refresh refresh() {
        return refreshRoots(root -> true);
    }

    /**
     * {@link #addRoot} then a refresh of that root only (or of the indexed root that holds it): what a command does when its
     * run ends, at the cost of that folder's runs, whatever else the index holds.
     */
    public Refresh refresh(Path root) {
        addRoot(root);
        Path real = realFolder(root);
        return refreshRoots(real::startsWith);
    }

    /** Refreshes the roots {@code which} accepts. */
    private Refresh refreshRoots(java.util.function.Predicate<Path> which) {
        long t0 = System.nanoTime();
        int[] counts = new int[4];
        List<String> problems = new ArrayList<>();
        synchronized (writer) {
            loadMetricIds();
            for (Map.Entry<Long, Path> r : rootIds().entrySet()) {
                if (which.test(r.getValue())) {
                    refreshRoot(r.getKey(), r.getValue(), counts, problems);
                }
            }
        }
        return new Refresh(counts[0], counts[1], counts[2], counts[3], List.copyOf(problems), Duration.ofNanos(System.nanoTime() - t0));
    }

    /** What one transaction does. */
    @FunctionalInterface
    private interface Work {
        void run() throws SQLException;
    }

    /** Runs {@code work} in one transaction of the writer: all of it is committed, or none (rolled back, the error rethrown). */
    private void inTransaction(Work work) throws SQLException {
        writer.setAutoCommit(false);
        try {
            work.run();
            writer.commit();
        } catch (SQLException | RuntimeException e) {
            writer.rollback();
            throw e;
        } finally {
            writer.setAutoCommit(true);
        }
    }

    private void refreshRoot(long rootId, Path root, int[] counts, List<String> problems) {
        Map<String, long[]> known = new HashMap<>();
        try (PreparedStatement s = writer.prepareStatement("SELECT path, id, file_size, file_mtime FROM runs WHERE root_id = ?")) {
            s.setLong(1, rootId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    known.put(r.getString(1), new long[] {r.getLong(2), r.getLong(3), r.getLong(4)});
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the index " + file + ": " + e.getMessage(), e);
        }
        Map<String, BasicFileAttributes> found = Files.isDirectory(root) ? resultsFiles(root) : Map.of();
        if (!Files.isDirectory(root)) {
            problems.add("results root " + root + " is gone: its runs were dropped from the index");
        }
        for (Map.Entry<String, BasicFileAttributes> f : found.entrySet()) {
            long[] k = known.get(f.getKey());
            long size = f.getValue().size();
            long mtime = f.getValue().lastModifiedTime().toMillis();
            if (k != null && k[1] == size && k[2] == mtime) {
                counts[3]++;
                continue;
            }
            Path json = root.resolve(f.getKey()).resolve("results.json");
            ResultsFile parsed;
            try {
                parsed = ResultsFile.read(json);
            } catch (IOException e) {
                problems.add(e.getMessage());
                if (k != null) {
                    counts[3]++; // the earlier, readable version stays until the file reads again
                }
                continue;
            }
            try {
                inTransaction(() -> {
                    if (k != null) {
                        deleteRun(k[0]);
                    }
                    insertRun(rootId, f.getKey(), parsed, size, mtime);
                });
            } catch (SQLException e) {
                throw new IllegalStateException("cannot write the run " + json + " into the index " + file + ": " + e.getMessage(), e);
            }
            counts[k == null ? 0 : 1]++;
        }
        for (Map.Entry<String, long[]> gone : known.entrySet()) {
            if (!found.containsKey(gone.getKey())) {
                try {
                    inTransaction(() -> deleteRun(gone.getValue()[0]));
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot drop the run " + gone.getKey() + " from " + file + ": " + e.getMessage(), e);
                }
                counts[2]++;
            }
        }
    }

    /**
     * The task folders under {@code root} that hold a results.json (relative, '/'-separated) with the file's attributes.
     * Symbolic links are not followed (nothing outside the root is indexed); hidden folders and the cell stores are skipped.
     */
    private static Map<String, BasicFileAttributes> resultsFiles(Path root) {
        Map<String, BasicFileAttributes> out = new TreeMap<>();
        try {
            Files.walkFileTree(root, EnumSet.noneOf(FileVisitOption.class), MAX_DEPTH, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                    return !dir.equals(root) && (name.startsWith(".") || name.equals("cells")) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && f.getFileName().toString().equals("results.json")) {
                        out.put(relative(root, f.getParent()), attrs);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path f, IOException e) {
                    return FileVisitResult.CONTINUE; // a folder removed while walking, or unreadable: not a run
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot walk the results root " + root + ": " + e.getMessage(), e);
        }
        return out;
    }

    static String relative(Path root, Path p) {
        return root.relativize(p).toString().replace(java.io.File.separatorChar, '/');
    }

    private void loadMetricIds() {
        metricIds.clear();
        try (Statement s = writer.createStatement(); ResultSet r = s.executeQuery("SELECT id, name FROM metric_names")) {
            while (r.next()) {
                metricIds.put(r.getString(2), r.getLong(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the index " + file + ": " + e.getMessage(), e);
        }
    }

    private long metricId(String name) throws SQLException {
        Long id = metricIds.get(name);
        if (id != null) {
            return id;
        }
        try (PreparedStatement i = writer.prepareStatement("INSERT OR IGNORE INTO metric_names (name) VALUES (?)")) {
            i.setString(1, name);
            i.executeUpdate();
        }
        try (PreparedStatement q = writer.prepareStatement("SELECT id FROM metric_names WHERE name = ?")) {
            q.setString(1, name);
            try (ResultSet r = q.executeQuery()) {
                r.next();
                id = r.getLong(1);
            }
        }
        metricIds.put(name, id);
        return id;
    }

    private List<Long> runIdsOfRoot(long rootId) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement s = writer.prepareStatement("SELECT id FROM runs WHERE root_id = ?")) {
            s.setLong(1, rootId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    ids.add(r.getLong(1));
                }
            }
        }
        return ids;
    }

    private void deleteRun(long id) throws SQLException {
        for (String sql : List.of("DELETE FROM cell_values WHERE cell_id IN (SELECT id FROM cells WHERE run_id = ?)", "DELETE FROM cells WHERE run_id = ?",
                "DELETE FROM run_methods WHERE run_id = ?", "DELETE FROM run_metrics WHERE run_id = ?", "DELETE FROM settings WHERE run_id = ?",
                "DELETE FROM runs WHERE id = ?")) {
            try (PreparedStatement s = writer.prepareStatement(sql)) {
                s.setLong(1, id);
                s.executeUpdate();
            }
        }
    }

    private void insertRun(long rootId, String path, ResultsFile f, long size, long mtime) throws SQLException {
        JsonNode p = f.provenance();
        JsonNode run = p.path("run");
        int failed = (int) f.cells().stream().filter(c -> c.error() != null).count();
        String blas = p.path("numeric_threads").path("blas_core").asText(null);
        String machine = p.path("os").asText("?") + ", " + p.path("cpu_count").asText("?") + " cores" + (blas == null ? "" : ", " + blasKernel(blas));
        long runId;
        try (PreparedStatement s = writer.prepareStatement("INSERT INTO runs (root_id, path, batch, family, task, quick, description, seeds, started, "
                + "host_version, git_commit, java_version, os, cpu_count, machine, threads, executor, blas_core, statistics_test, alpha, cells, failed, "
                + "file_size, file_mtime, indexed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            int i = 1;
            s.setLong(i++, rootId);
            s.setString(i++, path);
            s.setString(i++, path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : "");
            s.setString(i++, f.family());
            s.setString(i++, f.task());
            s.setInt(i++, f.quick() ? 1 : 0);
            s.setString(i++, f.description());
            s.setInt(i++, f.seeds());
            s.setString(i++, p.path("start_time").asText(null));
            s.setString(i++, p.path("host_version").asText(null));
            s.setString(i++, p.hasNonNull("git_commit") ? p.get("git_commit").asText() : null);
            s.setString(i++, p.path("java_version").asText(null));
            s.setString(i++, p.path("os").asText(null));
            setNullableInt(s, i++, p.path("cpu_count"));
            s.setString(i++, machine);
            setNullableInt(s, i++, run.path("threads"));
            s.setString(i++, run.path("executor").asText(null));
            s.setString(i++, blas);
            s.setString(i++, f.statisticsTest());
            s.setDouble(i++, f.alpha());
            s.setInt(i++, f.cells().size());
            s.setInt(i++, failed);
            s.setLong(i++, size);
            s.setLong(i++, mtime);
            s.setString(i, Instant.now().toString());
            s.executeUpdate();
            try (ResultSet k = s.getGeneratedKeys()) {
                k.next();
                runId = k.getLong(1);
            }
        }
        try (PreparedStatement s = writer.prepareStatement("INSERT OR REPLACE INTO run_methods (run_id, method, plugin, version, source, sha256) "
                + "VALUES (?, ?, ?, ?, ?, ?)")) {
            for (JsonNode m : p.path("plugins")) {
                s.setLong(1, runId);
                s.setString(2, m.path("method").asText());
                s.setString(3, m.path("plugin").asText(null));
                s.setString(4, m.path("version").asText(null));
                s.setString(5, m.path("source").asText(null));
                s.setString(6, m.path("sha256").asText(null));
                s.addBatch();
            }
            s.executeBatch();
        }
        try (PreparedStatement s = writer.prepareStatement("INSERT OR REPLACE INTO run_metrics (run_id, method, name, direction, target, description) "
                + "VALUES (?, ?, ?, ?, ?, ?)")) {
            for (ResultsFile.Metric m : f.metrics()) {
                s.setLong(1, runId);
                s.setString(2, m.method());
                s.setString(3, m.name());
                s.setString(4, m.direction());
                if (m.target() == null) {
                    s.setNull(5, java.sql.Types.REAL);
                } else {
                    s.setDouble(5, m.target());
                }
                s.setString(6, m.description());
                s.addBatch();
            }
            s.executeBatch();
        }
        try (PreparedStatement s = writer.prepareStatement("INSERT OR REPLACE INTO settings (run_id, setting, field, value, number) VALUES (?, ?, ?, ?, ?)")) {
            var settings = run.path("setting_fields").fields();
            while (settings.hasNext()) {
                var setting = settings.next();
                var fields = setting.getValue().fields();
                while (fields.hasNext()) {
                    var field = fields.next();
                    s.setLong(1, runId);
                    s.setString(2, setting.getKey());
                    s.setString(3, field.getKey());
                    s.setString(4, field.getValue().asText());
                    if (field.getValue().isNumber()) {
                        s.setDouble(5, field.getValue().asDouble());
                    } else {
                        s.setNull(5, java.sql.Types.REAL);
                    }
                    s.addBatch();
                }
            }
            s.executeBatch();
        }
        long nextCell;
        try (Statement s = writer.createStatement(); ResultSet r = s.executeQuery("SELECT COALESCE(MAX(id), 0) FROM cells")) {
            r.next();
            nextCell = r.getLong(1) + 1; // the writer holds the write lock (IMMEDIATE): no one else takes ids meanwhile
        }
        try (PreparedStatement cells = writer.prepareStatement("INSERT INTO cells (id, run_id, method, params, setting, seed, seconds, error) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement values = writer.prepareStatement("INSERT OR REPLACE INTO cell_values (cell_id, metric_id, value) VALUES (?, ?, ?)")) {
            for (ResultsFile.Cell c : f.cells()) {
                long cellId = nextCell++;
                cells.setLong(1, cellId);
                cells.setLong(2, runId);
                cells.setString(3, c.method());
                cells.setString(4, c.params());
                cells.setString(5, c.setting());
                cells.setLong(6, c.seed());
                if (c.seconds() == null) {
                    cells.setNull(7, java.sql.Types.REAL);
                } else {
                    cells.setDouble(7, c.seconds());
                }
                cells.setString(8, c.error());
                cells.addBatch();
                for (Map.Entry<String, Double> v : c.values().entrySet()) {
                    values.setLong(1, cellId);
                    values.setLong(2, metricId(v.getKey()));
                    if (v.getValue() == null) {
                        values.setNull(3, java.sql.Types.REAL);
                    } else {
                        values.setDouble(3, v.getValue());
                    }
                    values.addBatch();
                }
            }
            cells.executeBatch();
            values.executeBatch();
        }
    }

    /** "Cooperlake" from "libopenblas.so.0: Cooperlake (OpenBLAS 0.3.31), ...": the kernel of the first OpenBLAS copy. */
    private static String blasKernel(String blasCore) {
        int colon = blasCore.indexOf(": ");
        String rest = colon < 0 ? blasCore : blasCore.substring(colon + 2);
        int space = rest.indexOf(' ');
        return space < 0 ? rest : rest.substring(0, space);
    }

    private static void setNullableInt(PreparedStatement s, int i, JsonNode n) throws SQLException {
        if (n.isNumber()) {
            s.setInt(i, n.asInt());
        } else {
            s.setNull(i, java.sql.Types.INTEGER);
        }
    }

    /**
     * A read-only connection in a read transaction (auto-commit off): every query on it sees the same committed state, so
     * a page built from several queries never mixes a run with what a concurrent refresh wrote after it. Close it after use.
     */
    Connection read() throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(30_000);
        Connection c = config.createConnection(url);
        c.setAutoCommit(false);
        return c;
    }

    @Override
    public void close() {
        synchronized (writer) {
            try {
                writer.close();
            } catch (SQLException e) {
                // closing: nothing left to do with it
            }
        }
    }
}
