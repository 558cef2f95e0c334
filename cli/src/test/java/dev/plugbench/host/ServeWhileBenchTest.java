package dev.plugbench.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plugbench serve} in a JVM of its own while a real {@code bench} writes a run into the root it serves: every answer
 * of the API during the run shows whole runs only (the cell count each results.json holds, the summary of every cell), and
 * the finished run appears by itself, no restart.
 */
class ServeWhileBenchTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path tmp;

    @BeforeAll
    static void trustTheFixture() throws java.io.IOException {
        TrustList.read(TrustList.defaultFile()).add(new TrustList.Entry("probe-fixture", "1.0.0", ContentHash.ofPlugin(TestPlugins.v1())));
    }

    @Test
    void pagesShowWholeRunsWhileABenchWritesAndTheFinishedRunAppears() throws Exception {
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        Files.copy(TestPlugins.v1(), plugins.resolve("fixture.jar"));
        Path root = Files.createDirectories(tmp.resolve("results"));
        CliRun first = CliRun.of("bench", "spectral", "--task", "digits-drift", "--quick", "--seeds", "1", "--threads", "1",
                "--out", root.resolve("first").toString(), "--plugins", plugins.toString());
        assertThat(first.code()).as(first.err()).isZero();

        Path log = tmp.resolve("serve.txt");
        Process serve = ChildCli.start(log, "serve", "--results", root.toString(), "--port", "0", "--refresh-seconds", "0.1");
        try {
            URI url = URI.create(ChildCli.awaitOutput(serve, log, Pattern.compile(" at (http://127\\.0\\.0\\.1:\\d+/)"), Duration.ofSeconds(60)));
            JsonNode before = json(url, "api/runs");
            assertThat(before.get("total").asInt()).isEqualTo(1);
            int firstCells = before.get("runs").get(0).get("cells").asInt();
            assertThat(firstCells).isEqualTo(cellsIn(root.resolve("first/digits-drift/results.json")));

            CompletableFuture<CliRun> second = CompletableFuture.supplyAsync(() -> CliRun.of("bench", "spectral", "--task", "digits-drift",
                    "--quick", "--seeds", "3", "--threads", "1", "--out", root.resolve("second").toString(), "--plugins", plugins.toString()));
            List<JsonNode> seen = new ArrayList<>();
            while (!second.isDone()) {
                seen.add(json(url, "api/runs?sort=started&order=asc"));
                Thread.sleep(20);
            }
            CliRun bench = second.get();
            assertThat(bench.code()).as(bench.err()).isZero();
            int secondCells = cellsIn(root.resolve("second/digits-drift/results.json"));
            assertThat(secondCells).isEqualTo(3 * firstCells);

            JsonNode after = null;
            for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20); System.nanoTime() < end; Thread.sleep(50)) {
                after = json(url, "api/runs?sort=started&order=asc");
                if (after.get("total").asInt() == 2) {
                    break;
                }
            }
            assertThat(after.get("total").asInt()).as("the finished run appears without a restart").isEqualTo(2);
            assertThat(after.get("runs").findValuesAsText("path")).containsExactly("first/digits-drift", "second/digits-drift");
            assertThat(after.get("runs").get(1).get("cells").asInt()).isEqualTo(secondCells);
            JsonNode run = json(url, "api/runs/" + after.get("runs").get(1).get("id").asLong());
            for (JsonNode row : run.get("summary")) {
                assertThat(row.get("n").asInt()).as(row.toString()).isEqualTo(3);
            }

            assertThat(seen).as("the API answered while the bench ran").hasSizeGreaterThan(5);
            for (JsonNode page : seen) {
                for (JsonNode r : page.get("runs")) {
                    int expected = r.get("path").asText().startsWith("second/") ? secondCells : firstCells;
                    assertThat(r.get("cells").asInt()).as("a run is shown whole or not at all: " + r).isEqualTo(expected);
                }
            }
            assertThat(serve.isAlive()).as(Files.readString(log)).isTrue();
        } finally {
            serve.destroy();
            if (!serve.waitFor(20, TimeUnit.SECONDS)) {
                serve.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        assertThat(Files.readString(log, StandardCharsets.UTF_8)).doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void aPortInUseEndsServeWithTheReasonAndTheFixAndNoServerLinesOnTheConsole() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            ChildCli.Ended e = ChildCli.run(tmp, "serve", "--results", Files.createDirectories(tmp.resolve("r")).toString(),
                    "--port", String.valueOf(taken.getLocalPort()));
            assertThat(e.code()).as(e.output()).isEqualTo(1);
            assertThat(e.output()).contains("cannot serve on 127.0.0.1:" + taken.getLocalPort()).contains("Address already in use")
                    .contains("hint: plugbench serve --port 0 picks a free port").doesNotContain("Javalin").doesNotContain("\tat ");
        }
    }

    private static JsonNode json(URI url, String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(url.resolve(path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static int cellsIn(Path results) throws Exception {
        return JSON.readTree(results.toFile()).get("rows").size();
    }
}
