package dev.plugbench.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve-rule} killed with -9 while requests run, then started again on the same plugins folder: it serves again,
 * the plugin file is whole (it loads with no problem), and the rule decides as before.
 */
class ServeRuleRestartTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path tmp;

    @Test
    void aServerKilledUnderLoadServesTheSameDecisionsAfterARestart() throws Exception {
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        Files.copy(Path.of(System.getProperty("plugbench.plugins"), "plugins-lwa-0.1.0.jar"), plugins.resolve("plugins-lwa-0.1.0.jar"));
        String body = rows();
        Process first = start(plugins, "first");
        URI url = servedAt(first, tmp.resolve("first.txt"));
        String before = post(url, body).body();
        Thread load = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    post(url, body);
                } catch (Exception e) {
                    return; // the server is gone
                }
            }
        });
        load.setDaemon(true);
        load.start();
        Thread.sleep(500);
        first.destroyForcibly(); // kill -9
        assertThat(first.waitFor(20, TimeUnit.SECONDS)).isTrue();
        load.interrupt();

        Process second = start(plugins, "second");
        try {
            URI again = servedAt(second, tmp.resolve("second.txt"));
            HttpResponse<String> ready = HTTP.send(HttpRequest.newBuilder(again.resolve("ready")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).isEqualTo(200);
            JsonNode status = JSON.readTree(HTTP.send(HttpRequest.newBuilder(again.resolve("v1/methods")).build(), HttpResponse.BodyHandlers.ofString()).body());
            assertThat(status.get("refusals").asInt()).isZero();
            assertThat(status.get("methods").get(0).get("version").asText()).isEqualTo("0.1.0");
            assertThat(JSON.readTree(post(again, body).body()).get("decisions")).isEqualTo(JSON.readTree(before).get("decisions"));
            assertThat(Files.readString(tmp.resolve("second.txt"))).doesNotContain("CORRUPT").doesNotContain("\tat ");
        } finally {
            second.destroy();
            second.waitFor(20, TimeUnit.SECONDS);
        }
    }

    private Process start(Path plugins, String name) throws Exception {
        return ChildCli.start(tmp.resolve(name + ".txt"), "serve-rule", "--plugins", plugins.toString(), "--port", "0", "--methods", "confidence");
    }

    private static URI servedAt(Process p, Path log) throws Exception {
        return URI.create(ChildCli.awaitOutput(p, log, Pattern.compile("ready at (http://127\\.0\\.0\\.1:\\d+/)"), Duration.ofSeconds(90)));
    }

    private static HttpResponse<String> post(URI url, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(url.resolve("v1/lwa/confidence/decide")).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String rows() {
        StringBuilder s = new StringBuilder("{\"rows\": [");
        for (int i = 0; i < 32; i++) {
            s.append(i == 0 ? "" : ",").append("[");
            for (int j = 0; j < 64; j++) {
                s.append(j == 0 ? "" : ",").append((i * 5 + j * 3) % 17);
            }
            s.append("]");
        }
        return s.append("]}").toString();
    }
}
