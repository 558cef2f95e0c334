package dev.plugbench.tck.hotswap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.plugbench.host.HotswapDrill;
import dev.plugbench.host.LeakyProbes;
import dev.plugbench.host.MisbehavingProbes;
import dev.plugbench.host.TestPluginJars;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kit's drill on plugins broken on purpose: each fails with a message naming what is wrong. */
class KitCatchesHotSwapFaultsTest {
    @TempDir
    Path tmp;

    /** The kit's test, run on a plugin file; the assertion error's message, or null when it passed. */
    private String drill(String id, Class<?> probe, Duration callTimeout) throws Exception {
        Path jar = TestPluginJars.of(tmp, id, probe);
        HotSwapContract kit = new HotSwapContract() {
            @Override
            protected Path plugin() {
                return jar;
            }

            @Override
            protected HotswapDrill.Options options() {
                return new HotswapDrill.Options(3, 2, 5, callTimeout);
            }
        };
        Throwable failure = catchThrowable(kit::survivesHotSwapsUnderCalls);
        return failure == null ? null : failure.getMessage();
    }

    @Test
    void aThreadLocalLeakFailsNamingTheThreadLocal() throws Exception {
        assertThat(drill("tl", LeakyProbes.ThreadLocalLeak.class, Duration.ofSeconds(30))).contains("hot-swap drill of 'tl'")
                .contains("ThreadLocal");
    }

    @Test
    void aThreadLeftRunningFailsNamingTheThread() throws Exception {
        assertThat(drill("ticker", LeakyProbes.ThreadStarter.class, Duration.ofSeconds(30))).contains("leaky-ticker-");
    }

    @Test
    void aHangingMethodFailsNamingTheMethod() throws Exception {
        assertThat(drill("hang", MisbehavingProbes.Hanging.class, Duration.ofMillis(300))).contains("spectral/hanging did not return within 300 ms");
    }

    @Test
    void aThrowingMethodFailsWithItsFailures() throws Exception {
        assertThat(drill("throws", MisbehavingProbes.Throwing.class, Duration.ofSeconds(30))).contains("calls that failed")
                .contains("this probe always fails");
    }

    @Test
    void aCleanPluginPasses() throws Exception {
        assertThat(drill("clean", MisbehavingProbes.Negative.class, Duration.ofSeconds(30))).isNull();
    }
}
