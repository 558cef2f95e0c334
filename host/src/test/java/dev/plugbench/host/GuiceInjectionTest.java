package dev.plugbench.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.inject.AbstractModule;
import dev.plugbench.api.services.RandomSource;
import dev.plugbench.api.spectral.Measurement;
import dev.plugbench.api.spectral.SpectralProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuiceInjectionTest {
    @TempDir
    Path tmp;

    /** The host's random source, counting the streams it hands out. */
    static final class CountingRandomSource implements RandomSource {
        final AtomicInteger streams = new AtomicInteger();
        private final RandomSource delegate = new SeededRandomSource();

        @Override
        public SplittableRandom stream(long seed, String stream) {
            streams.incrementAndGet();
            return delegate.stream(seed, stream);
        }

        @Override
        public long derive(long seed, String stream) {
            return delegate.derive(seed, stream);
        }
    }

    @Test
    void applicationBindingsAreInjectedIntoPluginExtensions() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("plugins"));
        Files.copy(TestPlugins.v1(), dir.resolve("fixture.jar"));
        CountingRandomSource random = new CountingRandomSource();
        try (Plugbench host = Plugbench.builder().pluginsDir(dir).discoverClasspath(false)
                .modules(new AbstractModule() {
                    @Override
                    protected void configure() {
                        bind(RandomSource.class).toInstance(random);
                    }
                }).build()) {
            SpectralProbe probe = host.method(SpectralProbe.class, "frobenius");
            Measurement m = probe.measure(TestPlugins.probeInput(), probe.info().bind(Map.of("probes", 1000)));
            assertThat(random.streams.get()).as("the plugin drew its probes from the injected source").isEqualTo(1);
            // Hutchinson: E||W z||^2 = ||W||_F^2 = 4900 for Rademacher z
            assertThat(m.values().get("hutchinson_fro2:W")).isCloseTo(4900.0, within(4900.0 * 0.05));
        }
    }

    @Test
    void hostRandomStreamsAreReproducibleAndIndependent() {
        RandomSource r = new SeededRandomSource();
        assertThat(r.stream(42, "a").nextLong()).isEqualTo(r.stream(42, "a").nextLong());
        assertThat(r.derive(42, "a")).isNotEqualTo(r.derive(42, "b")).isNotEqualTo(r.derive(43, "a"));
    }
}
