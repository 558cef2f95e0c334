package dev.plugbench.results;

import dev.plugbench.harness.StatisticsOptions;
import dev.plugbench.harness.stats.PairedTest;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code plugbench serve}: the results index as a local web app (runs, compare, history, sweeps)
 * and the JSON API behind each page (routes in sdk-docs/results.md), on Javalin. Read-only: every
 * route is a GET, files are served only from inside a results root ({@link SafeFiles}). It keeps
 * the index current by itself: every {@code refreshEvery} it indexes what runs have finished (one
 * transaction a run, so a page never shows half a run), no restart needed.
 *
 * <pre>{@code
 * try (ResultsIndex index = ResultsIndex.ofRoot(dir);
 *      ResultsServer server = ResultsServer.start(index, "127.0.0.1", 0, Duration.ofSeconds(2))) {
 *     URI page = server.url();
 * }
 * }</pre>
 */
public final class ResultsServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ResultsServer.class);
    private static final String WEB = "/dev/plugbench/results/web/";

    private final ResultsIndex index;
    private final Javalin app;
    private final ScheduledExecutorService refresher;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    private volatile Map<Long, Path> roots;
    private final String host;
    /** ECharts from its webjar, read on first use (1 MB: once, not per page). */
    private volatile byte[] echarts;

    private ResultsServer(ResultsIndex index, String host, int port, Duration refreshEvery) {
        this.index = index;
        this.host = host;
        this.roots = index.rootIds();
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(ResultsFile.MAPPER, false));
            config.routes.get("/", ctx -> resource(ctx, "index.html"));
            config.routes.get("/app.js", ctx -> resource(ctx, "app.js"));
            config.routes.get("/style.css", ctx -> resource(ctx, "style.css"));
            config.routes.get("/assets/echarts.min.js", this::echarts);
            config.routes.get("/files/{root}/<path>", this::file);
            config.routes.get("/favicon.ico", ctx -> ctx.status(204)); // reports opened from here ask for one
            config.routes.get("/health", ctx -> ctx.json(Map.of("status", "ok")));
            config.routes.get("/api", ctx -> ctx.json(ROUTES));
            config.routes.get("/api/tasks", ctx -> ctx.json(read(TasksQuery::of)));
            config.routes.get("/api/runs", this::runs);
            config.routes.get("/api/runs/{id}", ctx -> {
                long id = longParam(ctx.pathParam("id"), "id");
                ctx.json(read(c -> RunsQuery.one(c, id)).orElseThrow(() -> new java.util.NoSuchElementException("no run " + id + " in the index")));
            });
            config.routes.get("/api/compare", ctx -> {
                long a = longParam(required(ctx, "a"), "a");
                String b = ctx.queryParam("b");
                Optional<Long> other = b == null || b.equals("latest") ? Optional.empty() : Optional.of(longParam(b, "b"));
                ctx.json(read(c -> CompareQuery.of(c, roots, a, other, options(ctx))));
            });
            config.routes.get("/api/regressions", ctx -> ctx.json(read(c -> CompareQuery.regressions(c, roots, required(ctx, "plugin"),
                    required(ctx, "since"), Optional.ofNullable(ctx.queryParam("metric")), options(ctx)))));
            config.routes.get("/api/history", ctx -> ctx.json(read(c -> HistoryQuery.of(c, required(ctx, "family"), required(ctx, "task"),
                    required(ctx, "method"), required(ctx, "metric"), options(ctx)))));
            config.routes.get("/api/sweeps", ctx -> {
                long run = longParam(required(ctx, "run"), "run");
                String parameter = ctx.queryParam("parameter");
                ctx.json(read(c -> parameter == null ? SweepQuery.choices(c, run) : SweepQuery.of(c, run, parameter, required(ctx, "metric"))));
            });
            config.routes.exception(IllegalArgumentException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
            config.routes.exception(java.util.NoSuchElementException.class, (e, ctx) -> error(ctx, 404, e.getMessage()));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.warn("{} {} failed", ctx.method(), ctx.path(), e);
                error(ctx, 500, e.toString());
            });
            config.routes.error(404, ctx -> {
                if (ctx.result() == null) {
                    error(ctx, 404, "no such page: " + ctx.path() + " (the API's routes: GET /api)");
                }
            });
        });
        try {
            app.start(host, port);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot serve on " + host + ":" + port + ": " + rootCause(e)
                    + (port != 0 ? " (another program may use the port: give another with --port, or 0 for a free one)" : ""), e);
        }
        refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "plugbench-results-refresh");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(100, refreshEvery.toMillis());
        refresher.scheduleWithFixedDelay(this::refresh, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Serves the index on {@code host:port} (port 0: a free one), indexing finished runs every {@code refreshEvery}.
     *
     * @throws IllegalStateException when the port cannot be bound (the message says why)
     */
    public static ResultsServer start(ResultsIndex index, String host, int port, Duration refreshEvery) {
        return new ResultsServer(index, host, port, refreshEvery);
    }

    /** Whether {@code host} is a loopback address (anything else exposes the results to the network). */
    public static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }

    /** The port it listens on. */
    public int port() {
        return app.port();
    }

    /** The runs page. */
    public URI url() {
        String shown = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host.contains(":") ? "[" + host + "]" : host;
        return URI.create("http://" + shown + ":" + port() + "/");
    }

    /** Indexes what finished since the last refresh; a file that cannot be read is reported once, and tried again each time. */
    void refresh() {
        try {
            ResultsIndex.Refresh r = index.refresh();
            roots = index.rootIds();
            for (String problem : r.problems()) {
                if (reported.add(problem)) {
                    LOG.warn("not indexed: {}", problem);
                }
            }
            if (r.added() + r.updated() + r.removed() > 0) {
                LOG.info("index: {} new, {} changed, {} removed runs ({} ms)", r.added(), r.updated(), r.removed(), r.took().toMillis());
            }
        } catch (RuntimeException e) {
            LOG.warn("the index could not be refreshed (the pages show what it held before): {}", e.getMessage());
        }
    }

    private void runs(Context ctx) throws SQLException {
        Map<String, String> filter = new LinkedHashMap<>();
        ctx.queryParamMap().forEach((k, v) -> {
            if (!List.of("sort", "order", "limit", "offset").contains(k) && !v.isEmpty() && !v.get(0).isBlank()) {
                filter.put(k, v.get(0));
            }
        });
        String sort = Optional.ofNullable(ctx.queryParam("sort")).orElse("started");
        String order = Optional.ofNullable(ctx.queryParam("order")).orElse("desc");
        int limit = (int) Math.min(1000, longParam(Optional.ofNullable(ctx.queryParam("limit")).orElse("100"), "limit"));
        int offset = (int) longParam(Optional.ofNullable(ctx.queryParam("offset")).orElse("0"), "offset");
        ctx.json(read(c -> RunsQuery.list(c, filter, sort, order, Math.max(1, limit), Math.max(0, offset))));
    }

    private void file(Context ctx) throws IOException {
        Path root = roots.get(longParam(ctx.pathParam("root"), "root"));
        Optional<Path> file = root == null ? Optional.empty() : SafeFiles.resolve(root, ctx.pathParam("path"));
        if (file.isEmpty()) {
            error(ctx, 404, "no such file in the results: " + ctx.path());
            return;
        }
        ctx.contentType(SafeFiles.contentType(file.get()));
        ctx.result(Files.readAllBytes(file.get()));
    }

    private void echarts(Context ctx) throws IOException {
        byte[] script = echarts;
        if (script == null) {
            String version;
            try (InputStream in = ResultsServer.class.getResourceAsStream("/META-INF/maven/org.webjars.npm/echarts/pom.properties")) {
                java.util.Properties p = new java.util.Properties();
                p.load(in);
                version = p.getProperty("version");
            }
            try (InputStream in = ResultsServer.class.getResourceAsStream("/META-INF/resources/webjars/echarts/" + version + "/dist/echarts.min.js")) {
                script = echarts = in.readAllBytes();
            }
        }
        ctx.contentType("text/javascript");
        ctx.header("Cache-Control", "max-age=86400");
        ctx.result(script);
    }

    private static void resource(Context ctx, String name) throws IOException {
        try (InputStream in = ResultsServer.class.getResourceAsStream(WEB + name)) {
            if (in == null) {
                throw new UncheckedIOException(new IOException(name + " is missing from plugbench-results"));
            }
            ctx.contentType(SafeFiles.contentType(Path.of(name)));
            ctx.result(in.readAllBytes());
        }
    }

    private static void error(Context ctx, int status, String message) {
        ctx.status(status);
        ctx.json(Map.of("error", message == null ? "error" : message));
    }

    private static String required(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("the query parameter '" + name + "' is missing (see GET /api for each route's parameters)");
        }
        return v;
    }

    private static long longParam(String v, String name) {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " '" + v + "' is not a whole number");
        }
    }

    private static StatisticsOptions options(Context ctx) {
        String test = ctx.queryParam("test");
        return test == null ? StatisticsOptions.DEFAULT : new StatisticsOptions(PairedTest.parse(test), StatisticsOptions.DEFAULT.alpha(), Optional.empty());
    }

    /** A query on a read-only connection of its own, in one read transaction. */
    private <T> T read(Query<T> query) throws SQLException {
        try (Connection c = index.read()) {
            return query.run(c);
        }
    }

    @FunctionalInterface
    private interface Query<T> {
        T run(Connection c) throws SQLException;
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    /** GET /api: every route with its parameters. */
    private static final List<Map<String, String>> ROUTES = List.of(
            route("/api/tasks", "", "every family/task with its run count, methods and metrics"),
            route("/api/runs", "family task plugin version method machine batch since until sort order limit offset",
                    "the runs, filtered (since/until: ISO dates), sorted (started family task machine batch cells failed seeds; asc|desc), a page"),
            route("/api/runs/{id}", "", "one run: methods with plugin versions and hashes, metrics, settings, summary"),
            route("/api/compare", "a b test", "run b (a run id, or latest) against run a, paired by seed as plugbench compare"),
            route("/api/history", "family task method metric test", "the method's metric across runs and plugin versions, changes marked"),
            route("/api/sweeps", "run parameter metric", "without parameter: what the run can plot; with: the metric against it, a line per method"),
            route("/api/regressions", "plugin since metric test", "per task, the latest run at plugin version `since` against the latest run: what got worse"),
            route("/files/{root}/{path}", "", "a file of a run folder (report.html, plots), from inside the results roots only"),
            route("/health", "", "ok when the server answers"));

    private static Map<String, String> route(String path, String parameters, String what) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("route", "GET " + path);
        m.put("parameters", parameters);
        m.put("returns", what);
        return m;
    }

    /** Stops serving and refreshing; the index stays open (its owner closes it). */
    @Override
    public void close() {
        refresher.shutdownNow();
        try {
            refresher.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        app.stop();
    }
}
