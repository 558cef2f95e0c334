package dev.plugbench.serving;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link RuleService} over HTTP, on Javalin (Jetty 12):
 * <ul>
 *   <li>{@code POST /v1/lwa/{method}/decide}: a batch of inputs in ({@code {"rows": [[...], ...]}}), a decision a row out;
 *       the header {@code Plugbench-Version} names the plugin version that decided the whole batch;</li>
 *   <li>{@code GET /v1/methods}: what each method serves (plugin, version, parameters, the cell's figures), the task, the
 *       costs, swaps and the latest refusals;</li>
 *   <li>{@code GET /health} (the process answers), {@code GET /ready} (every method has a rule; 503 while starting and
 *       stopping), {@code GET /metrics} (Prometheus text: requests, latency histogram, decisions, offload rate, swaps,
 *       refusals, JVM memory);</li>
 *   <li>{@code POST /v1/admin/reload?method=M}: reload the method's plugin and serve its new rule; 403 unless started with
 *       admin reload on.</li>
 * </ul>
 * Bad requests get 400 with what is wrong and the fix; an unknown method 404 with the served ones.
 * {@link #close()} stops gracefully: /ready turns 503, requests in flight finish (up to 10 s), then the port closes.
 */
public final class RuleServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RuleServer.class);
    /** Rows one request may carry. */
    public static final int MAX_ROWS = 10_000;
    /** The response header naming the version that decided a batch: {@code plugin version}. */
    public static final String VERSION_HEADER = "Plugbench-Version";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RuleService service;
    private final PrometheusMeterRegistry meters;
    private final boolean adminReload;
    private final String host;
    private final Javalin app;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<String, Timer> timers = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean stopping;

    private RuleServer(RuleService service, PrometheusMeterRegistry meters, String host, int port, boolean adminReload) {
        this.service = service;
        this.meters = meters;
        this.adminReload = adminReload;
        this.host = host;
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            // decisions are small (a batch of 64 is about 4 KB): gzip would cost more CPU than it saves on a LAN
            config.http.compressionStrategy = io.javalin.compression.CompressionStrategy.NONE;
            config.routes.post("/v1/lwa/{method}/decide", this::decide);
            config.routes.get("/v1/methods", ctx -> json(ctx, 200, status()));
            config.routes.get("/health", ctx -> json(ctx, 200, Map.of("status", "ok")));
            config.routes.get("/ready", ctx -> {
                boolean ready = !stopping && service.ready();
                json(ctx, ready ? 200 : 503, Map.of("ready", ready));
            });
            config.routes.get("/metrics", ctx -> {
                ctx.contentType("text/plain; version=0.0.4; charset=utf-8");
                ctx.result(meters.scrape());
            });
            config.routes.post("/v1/admin/reload", this::reload);
            config.routes.exception(IllegalArgumentException.class, (e, ctx) -> json(ctx, 400, Map.of("error", e.getMessage())));
            config.routes.exception(NoSuchElementException.class, (e, ctx) -> json(ctx, 404, Map.of("error", e.getMessage())));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.warn("{} {} failed", ctx.method(), ctx.path(), e);
                json(ctx, 500, Map.of("error", e.toString()));
            });
            config.routes.error(404, ctx -> {
                if (ctx.result() == null) {
                    json(ctx, 404, Map.of("error", "no such route: " + ctx.method() + " " + ctx.path()
                            + " (routes: POST /v1/lwa/{method}/decide, GET /v1/methods, /health, /ready, /metrics)"));
                }
            });
        });
        try {
            app.start(host, port);
        } catch (RuntimeException e) {
            Throwable t = e;
            while (t.getCause() != null && t.getCause() != t) {
                t = t.getCause();
            }
            throw new IllegalStateException("cannot serve on " + host + ":" + port + ": " + t.getMessage()
                    + (port != 0 ? " (another program may use the port: give another, or 0 for a free one)" : ""), e);
        }
    }

    /**
     * Serves {@code service} on {@code host:port} (0: a free port).
     *
     * @param meters      the registry the service counts into, scraped by /metrics (request timings are added to it)
     * @param adminReload whether {@code POST /v1/admin/reload} may reload plugins
     * @throws IllegalStateException when the port cannot be bound (the message says why)
     */
    public static RuleServer start(RuleService service, PrometheusMeterRegistry meters, String host, int port, boolean adminReload) {
        return new RuleServer(service, meters, host, port, adminReload);
    }

    public int port() {
        return app.port();
    }

    /** The server's base address, e.g. {@code http://127.0.0.1:8322/}. */
    public URI url() {
        String shown = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host.contains(":") ? "[" + host + "]" : host;
        return URI.create("http://" + shown + ":" + port() + "/");
    }

    private void decide(Context ctx) throws java.io.IOException {
        String method = ctx.pathParam("method");
        inFlight.incrementAndGet();
        long t0 = System.nanoTime();
        String outcome = "error";
        try {
            if (stopping) {
                outcome = "unavailable";
                json(ctx, 503, Map.of("error", "the server is stopping; send the request to another instance or retry after its restart"));
                return;
            }
            if (!service.methodIds().contains(method)) {
                outcome = "not_found";
                throw service.notServed(method);
            }
            DecideJson.Rows rows;
            try {
                rows = DecideJson.read(ctx.bodyInputStream(), service.features(), MAX_ROWS);
            } catch (IllegalArgumentException e) {
                outcome = "bad_request";
                throw e;
            }
            DecisionBatch d = service.decide(method, rows.values(), rows.n());
            ctx.header(VERSION_HEADER, d.plugin() + " " + d.version());
            byte[] body = DecideJson.write(d);
            ctx.contentType("application/json");
            ctx.res().setContentLength(body.length);
            ctx.res().getOutputStream().write(body); // straight out: Javalin's result() would copy it through a fresh buffer
            outcome = "ok";
        } finally {
            timer(service.methodIds().contains(method) ? method : "(not served)", outcome).record(System.nanoTime() - t0,
                    java.util.concurrent.TimeUnit.NANOSECONDS);
            inFlight.decrementAndGet();
        }
    }

    /** The request timer of a method and outcome (a method not served counts under one name: clients cannot add meters). */
    private Timer timer(String method, String outcome) {
        return timers.computeIfAbsent(method + "\n" + outcome, k -> Timer.builder("plugbench.serving.request").tag("method", method)
                .tag("outcome", outcome).publishPercentileHistogram().maximumExpectedValue(Duration.ofSeconds(10))
                .description("decide requests, by outcome").register(meters));
    }

    private void reload(Context ctx) throws InterruptedException {
        if (!adminReload) {
            json(ctx, 403, Map.of("error", "admin reload is off: start the server with admin reload on (serve-rule --admin-reload), "
                    + "or replace the plugin file in the plugins folder"));
            return;
        }
        String method = ctx.queryParam("method");
        if (method == null || method.isBlank()) {
            throw new IllegalArgumentException("the query parameter 'method' is missing: POST /v1/admin/reload?method=" + service.methodIds().get(0));
        }
        json(ctx, 200, served(service.reload(method)));
    }

    private Map<String, Object> status() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("task", service.split().task());
        out.put("seed", service.split().seed());
        out.put("quick", service.split().quick());
        out.put("setting", service.setting());
        out.put("costs", Map.of("offload", service.costs().offload(), "expert_error", service.costs().expertError()));
        out.put("features", service.features());
        out.put("source", service.source().origin());
        out.put("methods", service.served().stream().map(RuleServer::served).toList());
        out.put("swaps", service.swapCount());
        out.put("refusals", service.refusalCount());
        out.put("recent_refusals", service.refusals().stream().map(r -> Map.of("subject", r.subject(), "reason", r.reason(), "at", r.at().toString()))
                .toList());
        out.put("ready", !stopping && service.ready());
        out.put("pid", ProcessHandle.current().pid());
        out.put("rss_mb", residentMb());
        return out;
    }

    /** This process's resident memory in MB (Linux), or NaN where /proc is not there. */
    private static double residentMb() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not Linux
        }
        return Double.NaN;
    }

    private static Map<String, Object> served(RuleService.ServedMethod m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("method", m.method());
        out.put("plugin", m.plugin());
        out.put("version", m.version());
        out.put("fitted_at", m.fittedAt().toString());
        out.put("params", m.params());
        out.put("expected", m.expected());
        out.put("file", m.file().orElse(null));
        return out;
    }

    private static void json(Context ctx, int status, Object body) {
        ctx.status(status);
        ctx.contentType("application/json");
        try {
            ctx.result(JSON.writeValueAsBytes(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Requests being answered now. */
    public int inFlight() {
        return inFlight.get();
    }

    /** Stops gracefully: /ready answers 503 at once, requests in flight finish (10 s at most), then the port closes. */
    @Override
    public void close() {
        stopping = true;
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        app.stop();
    }
}
