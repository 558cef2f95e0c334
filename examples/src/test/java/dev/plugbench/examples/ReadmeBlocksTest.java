package dev.plugbench.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's embedding example (its block is checked against the source by {@link DocBlocksTest}) runs as written. */
class ReadmeBlocksTest {
    @Test
    void theEmbeddingExampleRunsOnTheProductPlugins() {
        Path plugins = Path.of(System.getProperty("plugbench.plugins", "../cli/target/plugins"));
        Map<String, Double> values = EmbeddingExample.run(plugins);
        assertThat(values).containsKeys("delta_w_fro", "delta_w_op");
        assertThat(values.get("delta_w_fro")).isPositive().isGreaterThanOrEqualTo(values.get("delta_w_op"));
    }
}
