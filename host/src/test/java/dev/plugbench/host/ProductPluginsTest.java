package dev.plugbench.host;

import dev.plugbench.host.Plugbench;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Base of the family task tests: a host over the product plugins the build copied (system
 * property {@code plugbench.plugins}, default target/plugins), opened before a test class and
 * closed after it.
 */
public abstract class ProductPluginsTest {
    protected static Plugbench host;

    @BeforeAll
    static void openHost() {
        host = Plugbench.builder().pluginsDir(Path.of(System.getProperty("plugbench.plugins", "target/plugins")))
                .discoverClasspath(false).build();
    }

    @AfterAll
    static void closeHost() {
        host.close();
    }
}
