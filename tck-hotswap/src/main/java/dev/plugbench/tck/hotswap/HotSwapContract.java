package dev.plugbench.tck.hotswap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugbench.host.DrillReport;
import dev.plugbench.host.HotswapDrill;
import dev.plugbench.host.Plugbench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The hot-swap drill, from a plugin author's own build. One empty class in the plugin's tests,
 * <pre>{@code class MyPluginHotSwapTest extends HotSwapContract {}}</pre>
 * loads the plugin being built (in Maven's test phase: the project folder, whose
 * {@code target/classes} holds the compiled plugin and its {@code plugin.properties}) into a host and
 * reloads it while calling each of its methods from long-lived threads and a fresh thread per swap
 * ({@link HotswapDrill}). It fails, naming the cause, on a failed call, a call past its time limit, an
 * old version left in memory (traced to a ThreadLocal, a static or a thread) or a thread the plugin
 * left running. A few swaps on tiny inputs keep {@code mvn verify} fast; the 1,000-swap soak is the
 * {@code plugbench hotswap-check} command.
 */
public abstract class HotSwapContract {
    /**
     * The plugin to drill: a development folder (a project with {@code target/classes}) or a built
     * jar or zip. Default: {@code -Dplugbench.tck.plugin}, else the folder the tests run in (Maven's
     * project folder).
     */
    protected Path plugin() {
        return Path.of(System.getProperty("plugbench.tck.plugin", "")).toAbsolutePath();
    }

    /** The drill's size: 5 swaps, 2 long-lived calling threads, 10 calls to each version, 30 s per call. */
    protected HotswapDrill.Options options() {
        return new HotswapDrill.Options(5, 2, 10, Duration.ofSeconds(30));
    }

    @Test
    void survivesHotSwapsUnderCalls() throws Exception {
        Path plugin = plugin();
        Plugbench.Builder builder = Plugbench.builder().discoverClasspath(false);
        boolean folder = Files.isDirectory(plugin);
        if (folder) {
            builder.developmentPlugins(plugin);
        }
        try (Plugbench host = builder.build()) {
            if (!folder) {
                host.loadPlugin(plugin);
            }
            assertThat(host.problems()).as("problems loading the plugin from %s", plugin).isEmpty();
            assertThat(host.plugins()).as("plugins loaded from %s (a development folder needs target/classes: run the tests "
                    + "through Maven, or give -Dplugbench.tck.plugin=FILE)", plugin).hasSize(1);
            String id = host.plugins().get(0).id();
            DrillReport r = new HotswapDrill(host).run(id, options());
            assertThat(r.findings()).as("hot-swap drill of '%s'", id).isEmpty();
            assertThat(r.failedCalls()).as("calls that failed during the hot-swap drill of '%s': %s", id, r.failures()).isZero();
            assertThat(r.passed()).isTrue();
        }
    }
}
