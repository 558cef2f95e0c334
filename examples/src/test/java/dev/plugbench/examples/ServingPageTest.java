package dev.plugbench.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** sdk-docs/serving.md's Java block (checked against its source by {@link DocBlocksTest}) serves decisions as written. */
class ServingPageTest {
    @Test
    void theServingExampleAnswersADecideRequest() {
        Path plugins = Path.of(System.getProperty("plugbench.plugins", "../cli/target/plugins"));
        HttpResponse<String> r = ServingExample.serve(plugins, url -> {
            StringBuilder row = new StringBuilder("{\"rows\": [[");
            for (int j = 0; j < 64; j++) {
                row.append(j == 0 ? "" : ",").append(j % 16);
            }
            try {
                return HttpClient.newHttpClient().send(HttpRequest.newBuilder(url.resolve("v1/lwa/l2h-joint/decide"))
                        .POST(HttpRequest.BodyPublishers.ofString(row.append("]]}").toString())).build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Plugbench-Version")).contains("lwa 0.1.0");
        assertThat(r.body()).contains("\"method\":\"l2h-joint\"").contains("\"decision\":");
    }
}
