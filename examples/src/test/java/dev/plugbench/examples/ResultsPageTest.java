package dev.plugbench.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plugbench.harness.Harness;
import dev.plugbench.harness.RunSpec;
import dev.plugbench.host.Plugbench;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sdk-docs/results.md's Java block (checked against its source by {@link DocBlocksTest}) serves a real run as written. */
class ResultsPageTest {
    @TempDir
    Path root;

    @Test
    void theHistoryExampleIndexesAndServesARunFolder() {
        Path plugins = Path.of(System.getProperty("plugbench.plugins", "../cli/target/plugins"));
        try (Plugbench host = Plugbench.builder().pluginsDir(plugins).discoverClasspath(false).build()) {
            new Harness(host).run(RunSpec.of("spectral", root.resolve("nightly")).withTask("two-layer").withQuick(true).withSeeds(1)
                    .withMethods(List.of("norm-change")));
        }
        JsonNode runs = HistoryExample.serve(root, url -> {
            try {
                String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url.resolve("api/runs")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                return new ObjectMapper().readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
        assertThat(runs.get("total").asInt()).isEqualTo(1);
        JsonNode run = runs.get("runs").get(0);
        assertThat(run.get("path").asText()).isEqualTo("nightly/two-layer");
        assertThat(run.get("plugins").get(0).get("plugin").asText()).isEqualTo("spectral");
        assertThat(run.get("cells").asInt()).isPositive();
    }
}
