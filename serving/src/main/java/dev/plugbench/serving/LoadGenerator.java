package dev.plugbench.serving;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plugbench.tasks.lwa.LwaSplit;
import dev.plugbench.toolkit.metrics.Deferral;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Drives a {@link RuleServer} on this machine with the test inputs of the task it serves, bounded
 * in requests and time, and replaces the served plugin file by its next version {@code swaps}
 * times meanwhile; reports throughput, latency percentiles, errors, the swaps, and the system
 * accuracy and offload rate measured on the served answers against the benchmark cell's. Loopback
 * only: it refuses any other address.
 */
public final class LoadGenerator {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LoadOptions options;
    private final HttpClient http;
    private final CloseableHttpClient senders;
    private final URI decide;

    private LoadGenerator(LoadOptions options) {
        this.options = options;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create().setMaxConnTotal(options.connections())
                .setMaxConnPerRoute(options.connections())
                .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(Timeout.ofSeconds(5)).setSocketTimeout(Timeout.ofSeconds(30)).build())
                .build();
        this.senders = HttpClients.custom().setConnectionManager(pool).disableAutomaticRetries().disableCookieManagement()
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.ofSeconds(30)).build()).build();
        this.decide = options.server().resolve("v1/lwa/" + options.method() + "/decide");
    }

    /**
     * Runs the load and returns what it measured.
     *
     * @throws IllegalArgumentException when the server is not on this machine, or does not serve the method
     */
    public static LoadReport run(LoadOptions options) throws IOException, InterruptedException {
        LoadGenerator g = new LoadGenerator(options);
        try (g.senders) {
            return g.go();
        }
    }

    private LoadReport go() throws IOException, InterruptedException {
        String host = options.server().getHost();
        boolean loopback;
        try {
            loopback = host != null && InetAddress.getByName(host.replace("[", "").replace("]", "")).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            loopback = false;
        }
        if (!loopback) {
            throw new IllegalArgumentException("the load generator drives servers on this machine only (127.0.0.1 or localhost); got " + options.server());
        }
        JsonNode status = status();
        JsonNode served = null;
        for (JsonNode m : status.path("methods")) {
            if (m.path("method").asText().equals(options.method())) {
                served = m;
            }
        }
        if (served == null) {
            List<String> ids = new ArrayList<>();
            status.path("methods").forEach(m -> ids.add(m.path("method").asText()));
            throw new IllegalArgumentException("the server at " + options.server() + " does not serve '" + options.method() + "'; it serves " + ids);
        }
        LwaSplit split = LwaSplit.of(status.path("task").asText(), status.path("seed").asLong(), status.path("quick").asBoolean());
        int n = (int) split.testX().rows();
        int width = split.features();
        double[] x = split.testX().castTo(DataType.DOUBLE).dup('c').data().asDouble();
        int[] y = split.testY();
        int bodies = lcm(n, options.batch()) / options.batch();
        byte[][] body = new byte[bodies][];
        for (int k = 0; k < bodies; k++) {
            body[k] = body(x, width, n, k * options.batch(), options.batch());
        }
        Map<String, Double> expected = new LinkedHashMap<>();
        served.path("expected").fields().forEachRemaining(e -> expected.put(e.getKey(), e.getValue().asDouble()));
        double offloadCost = status.path("costs").path("offload").asDouble();
        double expertErrorCost = status.path("costs").path("expert_error").asDouble();
        double rssBefore = status.path("rss_mb").asDouble(Double.NaN);

        Traffic traffic = new Traffic(n, options.batch(), bodies, options.maxRequests());
        Swapper swapper = options.swaps() == 0 ? null
                : new Swapper(Path.of(served.path("file").asText()), options.swaps(), options.swapTimeout(), traffic);
        long start = System.nanoTime();
        long deadline = start + options.maxDuration().toNanos();
        AtomicLong next = new AtomicLong();
        List<Thread> senders = new ArrayList<>();
        for (int c = 0; c < options.connections(); c++) {
            Thread t = new Thread(() -> send(next, start, deadline, body, traffic), "plugbench-load-" + c);
            t.setDaemon(true);
            senders.add(t);
        }
        if (swapper != null) {
            swapper.start();
        }
        senders.forEach(Thread::start);
        for (Thread t : senders) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (swapper != null) {
            swapper.stopAndJoin();
        }
        double rssAfter = status().path("rss_mb").asDouble(Double.NaN);

        long requests = traffic.count.get();
        double[] ms = traffic.latenciesMs(requests);
        Arrays.sort(ms);
        // the first full pass over the test split, scored as the harness scores the cell
        double accuracy = Double.NaN;
        double offloadRate = Double.NaN;
        double risk = Double.NaN;
        if (traffic.firstPassComplete()) {
            boolean[] clientCorrect = new boolean[n];
            boolean[] expertCorrect = new boolean[n];
            boolean[] offloaded = new boolean[n];
            int off = 0;
            for (int i = 0; i < n; i++) {
                clientCorrect[i] = traffic.firstClient[i] == y[i];
                expertCorrect[i] = traffic.firstExpert[i] == y[i];
                offloaded[i] = traffic.firstOffload[i];
                off += offloaded[i] ? 1 : 0;
            }
            Deferral d = new Deferral(clientCorrect, expertCorrect);
            accuracy = d.systemAccuracy(offloaded);
            offloadRate = (double) off / n;
            risk = d.risk(offloaded, offloadCost, expertErrorCost);
        }
        return new LoadReport(requests, new LinkedHashMap<>(traffic.errors), traffic.decisions.get(), seconds, percentile(ms, 0.50), percentile(ms, 0.99),
                percentile(ms, 0.999), ms.length == 0 ? Double.NaN : ms[ms.length - 1], options.swaps(), swapper == null ? 0 : swapper.done(),
                swapper == null ? Double.NaN : swapper.medianMs(), swapper == null ? Double.NaN : swapper.maxMs(), List.copyOf(traffic.versions),
                traffic.mixed.get(), accuracy, offloadRate, risk, traffic.disagreements.get(), expected, rssBefore, rssAfter);
    }

    /** One connection's loop: take the next request number, wait for its slot at a fixed rate, send, record. */
    private void send(AtomicLong next, long start, long deadline, byte[][] body, Traffic traffic) {
        double interval = options.rate() > 0 ? 1e9 / options.rate() : 0;
        while (true) {
            long k = next.getAndIncrement();
            if (k >= options.maxRequests()) {
                return;
            }
            long due = interval > 0 ? start + (long) (k * interval) : System.nanoTime();
            if (due >= deadline || System.nanoTime() >= deadline) {
                return;
            }
            while (System.nanoTime() < due) {
                LockSupport.parkNanos(due - System.nanoTime());
            }
            traffic.count.incrementAndGet();
            HttpPost post = new HttpPost(decide);
            post.setEntity(new ByteArrayEntity(body[(int) (k % body.length)], ContentType.APPLICATION_JSON));
            try {
                long sentFrom = due;
                senders.execute(post, response -> {
                    byte[] answer = EntityUtils.toByteArray(response.getEntity());
                    traffic.latency(System.nanoTime() - sentFrom);
                    if (response.getCode() != 200) {
                        traffic.error("status " + response.getCode());
                    } else {
                        Header version = response.getFirstHeader(RuleServer.VERSION_HEADER);
                        traffic.answer(k, version == null ? "" : version.getValue(), answer);
                    }
                    return null;
                });
            } catch (IOException e) {
                traffic.latency(System.nanoTime() - due);
                traffic.error(e.getClass().getSimpleName());
                LockSupport.parkNanos(5_000_000); // a server that is down is not hammered: its restart needs the CPU too
            }
        }
    }

    private JsonNode status() throws IOException, InterruptedException {
        HttpResponse<String> r;
        try {
            r = http.send(HttpRequest.newBuilder(options.server().resolve("v1/methods")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (java.net.ConnectException e) {
            throw new IllegalArgumentException("no server answers at " + options.server() + ": start it first (plugbench serve-rule)", e);
        }
        if (r.statusCode() != 200) {
            throw new IllegalArgumentException(options.server() + "v1/methods answered " + r.statusCode() + ": is it a plugbench serve-rule server?");
        }
        return JSON.readTree(r.body());
    }

    /** The request body of rows [from, from + batch) of the test split, wrapping at its end. */
    private static byte[] body(double[] x, int width, int n, int from, int batch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(batch * width * 8);
        try (com.fasterxml.jackson.core.JsonGenerator g = DecideJson.FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("rows");
            for (int r = 0; r < batch; r++) {
                int row = (from + r) % n;
                g.writeStartArray();
                for (int j = 0; j < width; j++) {
                    g.writeNumber(x[row * width + j]);
                }
                g.writeEndArray();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static int lcm(int a, int b) {
        long l = (long) a / gcd(a, b) * b;
        return (int) Math.min(l, (long) a * 64); // at most 64 passes of bodies kept
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    private static double percentile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    /** What came back: latencies by request, errors, versions, and the answers of the first pass over the test split. */
    private static final class Traffic {
        final int n;
        final int batch;
        final int bodies;
        final AtomicLong count = new AtomicLong();
        final java.util.concurrent.atomic.AtomicInteger recorded = new java.util.concurrent.atomic.AtomicInteger();
        final AtomicLong decisions = new AtomicLong();
        final AtomicLong mixed = new AtomicLong();
        final AtomicLong disagreements = new AtomicLong();
        final long[] latencyNanos;
        final Map<String, Long> errors = new ConcurrentHashMap<>();
        final java.util.Set<String> versions = java.util.Collections.synchronizedSet(new LinkedHashSet<>());
        final int[] firstClient;
        final int[] firstExpert;
        final boolean[] firstOffload;
        final java.util.concurrent.atomic.AtomicIntegerArray firstSeen;
        volatile String lastVersion = "";

        Traffic(int n, int batch, int bodies, long maxRequests) {
            this.n = n;
            this.batch = batch;
            this.bodies = bodies;
            this.latencyNanos = new long[(int) Math.min(maxRequests, 5_000_000)]; // the first 5 million latencies (40 MB)
            this.firstClient = new int[n];
            this.firstExpert = new int[n];
            this.firstOffload = new boolean[n];
            this.firstSeen = new java.util.concurrent.atomic.AtomicIntegerArray(n);
        }

        void latency(long nanos) {
            int i = recorded.getAndIncrement();
            if (i < latencyNanos.length) {
                latencyNanos[i] = nanos;
            }
        }

        double[] latenciesMs(long requests) {
            int m = Math.min(recorded.get(), latencyNanos.length);
            double[] ms = new double[m];
            for (int i = 0; i < m; i++) {
                ms[i] = latencyNanos[i] / 1e6;
            }
            return ms;
        }

        void error(String why) {
            errors.merge(why, 1L, Long::sum);
        }

        boolean firstPassComplete() {
            for (int i = 0; i < n; i++) {
                if (firstSeen.get(i) != 2) {
                    return false;
                }
            }
            return true;
        }

        /** Reads an answer's rows: the first pass keeps them, later passes are compared with it. */
        void answer(long k, String header, byte[] body) throws IOException {
            String version = null;
            int i = 0;
            try (JsonParser p = DecideJson.FACTORY.createParser(body)) {
                p.nextToken();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    p.nextToken();
                    switch (field) {
                        case "plugin", "method", "rows", "offloaded" -> p.skipChildren();
                        case "version" -> version = p.getText();
                        case "decisions" -> {
                            while (p.nextToken() == JsonToken.START_OBJECT) {
                                int client = -1;
                                int expert = -1;
                                boolean offload = false;
                                while (p.nextToken() == JsonToken.FIELD_NAME) {
                                    String f = p.currentName();
                                    p.nextToken();
                                    switch (f) {
                                        case "client" -> client = p.getIntValue();
                                        case "expert" -> expert = p.getIntValue();
                                        case "decision" -> offload = p.getText().equals("offload");
                                        default -> p.skipChildren();
                                    }
                                }
                                row(k * batch + i < n, (int) (((k % bodies) * batch + i) % n), client, offload, expert);
                                i++;
                            }
                        }
                        default -> p.skipChildren();
                    }
                }
            }
            decisions.addAndGet(i);
            if (version == null || !header.endsWith(" " + version)) {
                mixed.incrementAndGet();
            }
            if (!header.equals(lastVersion)) {
                versions.add(header);
                lastVersion = header;
            }
        }

        private void row(boolean firstPass, int r, int client, boolean offload, int expert) {
            if (firstPass) {
                firstClient[r] = client;
                firstOffload[r] = offload;
                firstExpert[r] = expert;
                firstSeen.set(r, 2);
            } else if (firstSeen.get(r) == 2 && (firstClient[r] != client || firstOffload[r] != offload || (offload && firstExpert[r] != expert))) {
                disagreements.incrementAndGet();
            }
        }
    }

    /** Replaces the plugin file by its next version, one swap after the other, each once the server serves the last. */
    private final class Swapper extends Thread {
        private final Path file;
        private final int swaps;
        private final Duration timeout;
        private final Traffic traffic;
        private final List<Double> ms = java.util.Collections.synchronizedList(new ArrayList<>());
        private volatile boolean stop;

        Swapper(Path file, int swaps, Duration timeout, Traffic traffic) {
            super("plugbench-load-swapper");
            setDaemon(true);
            this.file = file;
            this.swaps = swaps;
            this.timeout = timeout;
            this.traffic = traffic;
        }

        @Override
        public void run() {
            try {
                for (int s = 0; s < swaps && !stop; s++) {
                    long t0 = System.nanoTime();
                    String version = PluginVersions.bump(file);
                    long until = t0 + timeout.toNanos();
                    while (!stop && System.nanoTime() < until && !servedVersion().equals(version)) {
                        Thread.sleep(50); // each look is a /v1/methods request: the server has better things to do
                    }
                    if (servedVersion().equals(version)) {
                        ms.add((System.nanoTime() - t0) / 1e6);
                    } else if (!stop) {
                        traffic.error("swap to " + version + " not served within " + timeout.toSeconds() + " s");
                        return;
                    }
                }
            } catch (IOException e) {
                traffic.error("swap failed: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private String servedVersion() throws IOException, InterruptedException {
            for (JsonNode m : status().path("methods")) {
                if (m.path("method").asText().equals(options.method())) {
                    return m.path("version").asText();
                }
            }
            return "";
        }

        int done() {
            return ms.size();
        }

        double medianMs() {
            double[] v = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return percentile(v, 0.5);
        }

        double maxMs() {
            return ms.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        }

        void stopAndJoin() throws InterruptedException {
            stop = true;
            join(timeout.toMillis() + 5000);
        }
    }
}
