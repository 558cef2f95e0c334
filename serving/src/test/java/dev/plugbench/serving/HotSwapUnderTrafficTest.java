package dev.plugbench.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plugbench.host.Plugbench;
import dev.plugbench.host.TestPluginJars;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service over HTTP while its plugin file is replaced: 8 client threads, 20 replacements, no request fails or is
 * dropped, each batch comes from one version (the fixture's answers name their version), the header follows the swaps; a
 * broken release is refused and the last good one keeps serving; bad requests get a 400 that says what is wrong.
 */
class HotSwapUnderTrafficTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path plugins;
    @TempDir
    Path elsewhere;

    private static HttpResponse<String> post(URI url, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(URI url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String rows(int n) {
        StringBuilder s = new StringBuilder("{\"rows\": [");
        for (int i = 0; i < n; i++) {
            s.append(i == 0 ? "" : ",").append("[");
            for (int j = 0; j < 64; j++) {
                s.append(j == 0 ? "" : ",").append((i * 7 + j) % 17);
            }
            s.append("]");
        }
        return s.append("]}").toString();
    }

    @Test
    void eightClientsAndTwentyReplacementsGiveNoFailedRequestAndNoMixedBatch() throws Exception {
        Path jar = TestPluginJars.of(plugins, "echo", ServingFixtures.VersionEcho.class);
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (Plugbench host = Plugbench.builder().pluginsDir(plugins).watchPluginsDir(true).discoverClasspath(false).build();
             RuleService service = RuleService.start(host, RuleSource.fitted("digits-binary", 0, true, Optional.empty()), List.of("version-echo"), meters);
             RuleServer server = RuleServer.start(service, meters, "127.0.0.1", 0, false)) {
            URI decide = server.url().resolve("v1/lwa/version-echo/decide");
            String body = rows(16);
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong ok = new AtomicLong();
            List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
            Set<String> headers = ConcurrentHashMap.newKeySet();
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                Thread t = new Thread(() -> {
                    while (!stop.get()) {
                        try {
                            HttpResponse<String> r = post(decide, body);
                            if (r.statusCode() != 200) {
                                failures.add(r.statusCode() + " " + r.body());
                                continue;
                            }
                            String header = r.headers().firstValue(RuleServer.VERSION_HEADER).orElse("");
                            JsonNode d = JSON.readTree(r.body());
                            String version = d.get("version").asText();
                            long parity = Long.parseLong(version.substring(version.lastIndexOf('.') + 1)) % 2;
                            for (JsonNode row : d.get("decisions")) {
                                if (!row.get("decision").asText().equals("offload") || row.get("expert").asLong() != parity) {
                                    failures.add("a row of version " + version + " answered " + row);
                                }
                            }
                            if (!header.equals("echo " + version) || d.get("rows").asInt() != 16) {
                                failures.add("header " + header + " for a body of " + version);
                            }
                            headers.add(header);
                            ok.incrementAndGet();
                        } catch (Exception e) {
                            failures.add(e.toString());
                        }
                    }
                }, "client-" + c);
                clients.add(t);
                t.start();
            }
            for (int swap = 1; swap <= 20; swap++) {
                String next = PluginVersions.bump(jar);
                long before = ok.get();
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!service.served().get(0).version().equals(next) && System.nanoTime() < until) {
                    Thread.sleep(10);
                }
                assertThat(service.served().get(0).version()).as("swap " + swap).isEqualTo(next);
                while (ok.get() < before + 8 && System.nanoTime() < until) {
                    Thread.sleep(5); // every version answers requests before the next replaces it
                }
            }
            stop.set(true);
            for (Thread t : clients) {
                t.join(30_000);
            }
            assertThat(failures).isEmpty();
            assertThat(ok.get()).isGreaterThan(160);
            assertThat(headers).hasSizeGreaterThanOrEqualTo(21).contains("echo 1.0.0", "echo 1.0.20");
            assertThat(service.swapCount()).isEqualTo(20);
            assertThat(service.refusalCount()).isZero();

            // a broken release: the host loads it, its fit fails on the task's data, 1.0.20 keeps serving
            Path broken = TestPluginJars.of(elsewhere, "echo", ServingFixtures.BrokenEcho.class);
            while (!PluginVersions.version(broken).equals("1.0.21")) {
                PluginVersions.bump(broken);
            }
            Files.move(broken, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (service.refusalCount() == 0 && System.nanoTime() < until) {
                Thread.sleep(10);
            }
            assertThat(service.refusals()).singleElement().satisfies(r -> assertThat(r.subject()).isEqualTo("version-echo 1.0.21"))
                    .satisfies(r -> assertThat(r.reason()).contains("cannot fit inputs of 64 features").contains("version 1.0.20 keeps serving"));
            HttpResponse<String> still = post(decide, body);
            assertThat(still.statusCode()).isEqualTo(200);
            assertThat(still.headers().firstValue(RuleServer.VERSION_HEADER)).contains("echo 1.0.20");

            JsonNode status = JSON.readTree(get(server.url().resolve("v1/methods")).body());
            assertThat(status.get("task").asText()).isEqualTo("digits-binary");
            assertThat(status.get("methods").get(0).get("version").asText()).isEqualTo("1.0.20");
            assertThat(status.get("refusals").asInt()).isEqualTo(1);
            String metrics = get(server.url().resolve("metrics")).body();
            assertThat(metrics).contains("plugbench_serving_swaps_total 20.0").contains("plugbench_serving_refusals_total 1.0")
                    .contains("plugbench_serving_request_seconds_bucket").contains("plugbench_serving_offload_rate{method=\"version-echo\"} 1.0")
                    .contains("plugbench_serving_decisions_total{method=\"version-echo\"}");
        }
    }

    @Test
    void badRequestsSayWhatIsWrongAndTheServiceGoesOn() throws Exception {
        TestPluginJars.of(plugins, "echo", ServingFixtures.VersionEcho.class);
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (Plugbench host = Plugbench.builder().pluginsDir(plugins).discoverClasspath(false).build();
             RuleService service = RuleService.start(host, RuleSource.fitted("digits-binary", 0, true, Optional.empty()), List.of("version-echo"), meters);
             RuleServer server = RuleServer.start(service, meters, "127.0.0.1", 0, false)) {
            URI decide = server.url().resolve("v1/lwa/version-echo/decide");
            String[][] cases = {
                    {"not json", "the body is not valid JSON"},
                    {"[1, 2]", "the body must be a JSON object"},
                    {"{\"x\": 1}", "the body has no \"rows\""},
                    {"{\"rows\": []}", "\"rows\" is empty"},
                    {"{\"rows\": [[1, 2, 3]]}", "row 0 has 3 values; each row must have 64 features"},
                    {"{\"rows\": [[\"a\"]]}", "row 0, feature 0 is a: every feature must be a number"},
            };
            for (String[] c : cases) {
                HttpResponse<String> r = post(decide, c[0]);
                assertThat(r.statusCode()).as(c[0]).isEqualTo(400);
                assertThat(JSON.readTree(r.body()).get("error").asText()).as(c[0]).contains(c[1]);
            }
            HttpResponse<String> unknown = post(server.url().resolve("v1/lwa/vq/decide"), rows(1));
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unknown.body()).contains("'vq' is not served here; served: version-echo");
            HttpResponse<String> admin = post(server.url().resolve("v1/admin/reload?method=version-echo"), "");
            assertThat(admin.statusCode()).isEqualTo(403);
            assertThat(admin.body()).contains("admin reload is off");
            assertThat(get(server.url().resolve("health")).body()).contains("ok");
            assertThat(get(server.url().resolve("ready")).statusCode()).isEqualTo(200);
            assertThat(post(decide, rows(3)).statusCode()).isEqualTo(200);
            assertThat(get(server.url().resolve("metrics")).body()).contains("outcome=\"bad_request\"").contains("outcome=\"ok\"");
        }
    }
}
