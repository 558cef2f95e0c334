package dev.plugbench.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugbench.api.spectral.SpectralProbe;
import dev.plugbench.host.MisbehavingProbes;
import dev.plugbench.host.TestPluginJars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An embedder's per-call time limit: a runaway method gives the caller back its thread, with the method named. */
class TimedCallTest {
    @TempDir
    Path tmp;

    @Test
    void aCallPastItsLimitThrowsNamingTheMethodAndTheHostKeepsServing() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("plugins"));
        Files.copy(TestPlugins.v1(), dir.resolve("fixture.jar"));
        TestPluginJars.of(dir, "misbehaving", MisbehavingProbes.Hanging.class, MisbehavingProbes.Throwing.class);
        try (Plugbench host = Plugbench.builder().pluginsDir(dir).discoverClasspath(false).build()) {
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> host.call(SpectralProbe.class, "hanging", Duration.ofMillis(300),
                    p -> p.measure(TestPlugins.probeInput(), p.info().defaults())))
                    .isInstanceOf(MethodTimeoutException.class)
                    .hasMessageContaining("SpectralProbe 'hanging' did not return within 300 ms")
                    .hasMessageContaining("plugbench-call-hanging");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
            // the method's own exception reaches the caller as it is
            assertThatThrownBy(() -> host.call(SpectralProbe.class, "throwing", Duration.ofSeconds(5),
                    p -> p.measure(TestPlugins.probeInput(), p.info().defaults())))
                    .isInstanceOf(IllegalStateException.class).hasMessage("this probe always fails");
            double generation = host.call(SpectralProbe.class, "frobenius", Duration.ofSeconds(5),
                    p -> p.measure(TestPlugins.probeInput(), p.info().defaults()).values().get("fixture_generation"));
            assertThat(generation).isEqualTo(1.0);
            assertThatThrownBy(() -> host.call(SpectralProbe.class, "frobenius", Duration.ZERO, p -> 1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limit must be positive");
        }
    }
}
