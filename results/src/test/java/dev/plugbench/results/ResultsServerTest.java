package dev.plugbench.results;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON API on three stored versions of one task, and the server's safety: read-only, inside the results root, loopback by default. */
class ResultsServerTest {
    @TempDir
    static Path root;
    @TempDir
    static Path outside;

    private static ResultsIndex index;
    private static ResultsServer server;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void serve() throws Exception {
        StoredRuns.threeVersions(root);
        Files.writeString(outside.resolve("secret.txt"), "not for the web");
        Files.createSymbolicLink(root.resolve("v1/alpha/leak.txt"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("v1/outside"), outside);
        index = ResultsIndex.ofRoot(root);
        index.refresh();
        server = ResultsServer.start(index, "127.0.0.1", 0, Duration.ofMillis(200));
    }

    @AfterAll
    static void stop() {
        server.close();
        index.close();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(String path) throws Exception {
        HttpResponse<String> r = get(path);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return ResultsFile.MAPPER.readTree(r.body());
    }

    private static long runId(String version) throws Exception {
        return json("api/runs?version=" + version).get("runs").get(0).get("id").asLong();
    }

    @Test
    void runsFilterSortAndLinkTheirReports() throws Exception {
        JsonNode all = json("api/runs?sort=started&order=asc");
        assertThat(all.get("total").asLong()).isEqualTo(3);
        assertThat(all.get("runs").findValuesAsText("path")).containsExactly("v1/alpha", "v2/alpha", "v3/alpha");
        JsonNode v2 = json("api/runs?plugin=fixture&version=0.2.0");
        assertThat(v2.get("total").asLong()).isEqualTo(1);
        assertThat(v2.get("runs").get(0).get("plugins").get(0).get("version").asText()).isEqualTo("0.2.0");
        assertThat(json("api/runs?since=2026-11-02").get("total").asLong()).isEqualTo(2);
        HttpResponse<String> report = get(v2.get("runs").get(0).get("report").asText().substring(1));
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(report.body()).contains("demo/alpha 0.2.0");
        assertThat(json("api/tasks").get(0).get("versions").toString()).isEqualTo("[\"fixture 0.1.0\",\"fixture 0.2.0\",\"fixture 0.3.0\"]");
        assertThat(json("api/tasks").get(0).get("runs").asLong()).isEqualTo(3);
    }

    @Test
    void compareMarksTheRegressionOfTheVersionThatGotWorse() throws Exception {
        JsonNode c = json("api/compare?a=" + runId("0.2.0") + "&b=" + runId("0.3.0"));
        JsonNode worse = c.get("rows").findParents("verdict").stream().filter(r -> r.get("verdict").asText().equals("worse")).toList().stream()
                .collect(java.util.stream.Collectors.collectingAndThen(java.util.stream.Collectors.toList(), ResultsFile.MAPPER::valueToTree));
        assertThat(worse.size()).isEqualTo(2); // zeta's accuracy in both settings
        assertThat(worse.findValuesAsText("method")).containsOnly("zeta");
        assertThat(worse.findValuesAsText("metric")).containsOnly("accuracy");
        assertThat(worse.findValuesAsText("version_b")).containsOnly("0.3.0");
        assertThat(worse.get(0).get("difference").asDouble()).isCloseTo(-0.05, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(c.get("verdicts").get("identical").asLong()).isGreaterThan(0); // mu did not change
        JsonNode latest = json("api/compare?a=" + runId("0.1.0") + "&b=latest");
        assertThat(latest.get("b").get("path").asText()).isEqualTo("v3/alpha");
        JsonNode gate = json("api/regressions?plugin=fixture&since=0.2.0");
        assertThat(gate.get("regressions").findValuesAsText("method")).containsOnly("zeta");
        assertThat(json("api/regressions?plugin=fixture&since=0.3.0").get("regressions").size()).isZero();
    }

    @Test
    void historyGivesAPointPerVersionAndMarksTheChange() throws Exception {
        JsonNode h = json("api/history?family=demo&task=alpha&method=zeta&metric=accuracy");
        assertThat(h.get("metric").get("direction").asText()).isEqualTo("higher");
        JsonNode easy = h.get("series").findParents("setting").stream().filter(s -> s.get("setting").asText().equals("easy")).findFirst().orElseThrow();
        JsonNode points = easy.get("points");
        assertThat(points.findValuesAsText("version")).containsExactly("0.1.0", "0.2.0", "0.3.0");
        assertThat(points.get(0).get("verdict").isNull()).isTrue();
        assertThat(points.get(1).get("verdict").asText()).isEqualTo("identical");
        assertThat(points.get(2).get("verdict").asText()).isEqualTo("worse");
        assertThat(points.get(2).get("n").asInt()).isEqualTo(8);
        JsonNode mu = json("api/history?family=demo&task=alpha&method=mu&metric=accuracy");
        assertThat(mu.get("series").size()).isEqualTo(6); // k = 1, 2, 4 in two settings
        JsonNode sweeps = json("api/sweeps?run=" + runId("0.1.0"));
        assertThat(sweeps.get("parameters").toString()).contains("\"k\"").contains("\"noise\"");
        JsonNode k = json("api/sweeps?run=" + runId("0.1.0") + "&parameter=k&metric=accuracy");
        JsonNode easyK = k.get("lines").findParents("label").stream().filter(l -> l.get("label").asText().equals("mu · easy")).findFirst().orElseThrow();
        assertThat(easyK.get("points").findValues("x").stream().map(JsonNode::asDouble).toList()).containsExactly(1.0, 2.0, 4.0);
        assertThat(easyK.get("points").get(2).get("mean").asDouble()).isCloseTo(0.84, org.assertj.core.api.Assertions.within(1e-12));
    }

    @Test
    void badRequestsSayWhatIsWrongAndNothingWritesOrLeavesTheRoot() throws Exception {
        HttpResponse<String> missing = get("api/history?family=demo&task=alpha&method=zeta");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("'metric' is missing");
        assertThat(get("api/history?family=demo&task=alpha&method=zeta&metric=nope").body()).contains("no metric 'nope'").contains("accuracy");
        assertThat(get("api/runs?colour=red").body()).contains("unknown filter 'colour'");
        assertThat(get("api/runs/999").statusCode()).isEqualTo(404);
        assertThat(get("api/compare?a=x").body()).contains("is not a whole number");
        for (String method : new String[] {"POST", "PUT", "DELETE"}) {
            HttpResponse<String> w = HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + "api/runs")).method(method, HttpRequest.BodyPublishers.ofString("{}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(w.statusCode()).as(method).isIn(404, 405);
        }
        assertThat(get("files/1/v1/alpha/report.html").statusCode()).isEqualTo(200);
        for (String path : new String[] {"files/1/../secret.txt", "files/1/v1/../../secret.txt", "files/1/%2Fetc%2Fpasswd", "files/1/v1/alpha/leak.txt",
                "files/1/v1/outside/secret.txt", "files/1/" + ResultsIndex.FILE_NAME, "files/2/v1/alpha/report.html", "files/1/v1/alpha/..%2F..%2F..%2Fetc%2Fpasswd"}) {
            HttpResponse<String> r = get(path);
            assertThat(r.statusCode()).as(path).isIn(400, 404);
            assertThat(r.body()).as(path).doesNotContain("not for the web").doesNotContain("root:");
        }
        assertThat(ResultsServer.isLoopback("127.0.0.1")).isTrue();
        assertThat(ResultsServer.isLoopback("0.0.0.0")).isFalse();
        assertThat(server.url().getHost()).isEqualTo("127.0.0.1");
    }

    @Test
    void aRunThatFinishesWhileServingAppearsWithoutARestart() throws Exception {
        StoredRuns.write(root.resolve("v4/alpha"), "0.4.0", "2026-11-04T10:00:00Z", 0);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (json("api/runs?version=0.4.0").get("total").asLong() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(json("api/runs?version=0.4.0").get("runs").get(0).get("cells").asInt()).isEqualTo(64);
        Files.delete(root.resolve("v4/alpha/results.json"));
        while (json("api/runs?version=0.4.0").get("total").asLong() == 1 && System.nanoTime() < deadline + 10_000_000_000L) {
            Thread.sleep(50);
        }
        assertThat(json("api/runs").get("total").asLong()).isEqualTo(3);
    }
}
