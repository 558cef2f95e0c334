package dev.plugbench.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.plugbench.api.spectral.Measurement;
import dev.plugbench.api.spectral.SpectralProbe;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginDiscoveryTest {
    @TempDir
    Path tmp;

    private Path pluginsDirWith(Path... plugins) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("plugins"));
        for (Path p : plugins) {
            Files.copy(p, dir.resolve(p.getFileName()));
        }
        return dir;
    }

    @Test
    void pf4jPluginMethodsAreRegisteredWithTheirPlugin() throws IOException {
        try (Plugbench host = Plugbench.builder().pluginsDir(pluginsDirWith(TestPlugins.v1())).discoverClasspath(false).build()) {
            assertThat(host.methods(SpectralProbe.class)).singleElement().satisfies(m -> {
                assertThat(m.id()).isEqualTo("frobenius");
                assertThat(m.source()).isEqualTo(Source.PF4J);
                assertThat(m.pluginId()).isEqualTo(TestPlugins.FIXTURE_ID);
                assertThat(m.pluginVersion()).isEqualTo("1.0.0");
            });
            assertThat(host.plugins()).singleElement().satisfies(p -> {
                assertThat(p.sha256()).hasSize(64);
                assertThat(p.methodIds()).containsExactly("spectral/frobenius");
            });
            assertThat(host.problems()).isEmpty();
        }
    }

    @Test
    void frobeniusFixtureComputesTheClosedForm() throws IOException {
        try (Plugbench host = Plugbench.builder().pluginsDir(pluginsDirWith(TestPlugins.v1())).build()) {
            SpectralProbe probe = host.method(SpectralProbe.class, "frobenius");
            Measurement m = probe.measure(TestPlugins.probeInput(), probe.info().defaults());
            // W = 1..24: ||W||_F^2 = 24*25*49/6 = 4900; W - W0 is all ones: ||.||_F = sqrt(24)
            assertThat(m.values().get("fro:W")).isCloseTo(70.0, within(1e-9));
            assertThat(m.values().get("delta_fro:W")).isCloseTo(Math.sqrt(24), within(1e-9));
            assertThat(m.values().get("fixture_generation")).isEqualTo(1.0);
        }
    }

    @Test
    void classpathExtensionsAreFoundByServiceLoader() {
        try (Plugbench host = Plugbench.builder().build()) {
            assertThat(host.methods(SpectralProbe.class)).singleElement().satisfies(m -> {
                assertThat(m.id()).isEqualTo("gram-trace");
                assertThat(m.source()).isEqualTo(Source.CLASSPATH);
                assertThat(m.pluginId()).isEqualTo(TraceProbe.class.getName());
            });
            SpectralProbe trace = host.method(SpectralProbe.class, "gram-trace");
            assertThat(trace.measure(TestPlugins.probeInput(), trace.info().defaults()).values().get("trace:W")).isEqualTo(4900.0);
        }
    }

    @Test
    void bothSourcesRegisterInOneRegistry() throws IOException {
        try (Plugbench host = Plugbench.builder().pluginsDir(pluginsDirWith(TestPlugins.v1())).build()) {
            assertThat(host.allMethods()).extracting(RegisteredMethod::id, RegisteredMethod::source)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("frobenius", Source.PF4J),
                            org.assertj.core.groups.Tuple.tuple("gram-trace", Source.CLASSPATH));
        }
    }

    @Test
    void aMethodIdTwoSourcesProvideServesNeitherUntilOneIsRemoved() throws IOException {
        Path services = Files.createDirectories(tmp.resolve("cp/META-INF/services"));
        Files.writeString(services.resolve(SpectralProbe.class.getName()), ClashingFrobeniusProbe.class.getName() + "\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {tmp.resolve("cp").toUri().toURL()}, null) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                return PluginDiscoveryTest.class.getClassLoader().loadClass(name);
            }
        }; Plugbench host = Plugbench.builder().classLoader(loader).pluginsDir(pluginsDirWith(TestPlugins.v1())).build()) {
            // neither serves: which one would is never decided by load order
            assertThat(host.methods(SpectralProbe.class)).isEmpty();
            assertThat(host.problems()).singleElement().satisfies(p -> {
                assertThat(p.kind()).isEqualTo(Problem.Kind.DUPLICATE_METHOD);
                assertThat(p.message()).contains("provided by both").contains("plugin 'probe-fixture' 1.0.0")
                        .contains(ClashingFrobeniusProbe.class.getName()).contains("neither is used");
            });
            // removing one of the two lets the other serve
            host.unloadPlugin("probe-fixture");
            assertThat(host.methods(SpectralProbe.class)).singleElement()
                    .satisfies(m -> assertThat(m.source()).isEqualTo(Source.CLASSPATH));
        }
    }

    @Test
    void zipPluginsLoad() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("zips"));
        TestPlugins.asZip(dir.resolve("probe-fixture.zip"));
        try (Plugbench host = Plugbench.builder().pluginsDir(dir).discoverClasspath(false).build()) {
            assertThat(host.problems()).isEmpty();
            SpectralProbe probe = host.method(SpectralProbe.class, "frobenius");
            assertThat(probe.measure(TestPlugins.probeInput(), probe.info().defaults()).values()).containsEntry("fro:W", 70.0);
        }
    }

    @Test
    void developmentModeLoadsAPluginProjectFromTargetClasses() {
        Path project = Path.of("fixtures/probe-fixture");
        assertThat(project.resolve("target/classes/META-INF/extensions.idx")).as("built by the reactor before the host").exists();
        try (Plugbench host = Plugbench.builder().developmentPlugins(project).discoverClasspath(false).build()) {
            assertThat(host.problems()).isEmpty();
            assertThat(host.methods(SpectralProbe.class)).extracting(RegisteredMethod::id).containsExactly("frobenius");
        }
    }

    @Test
    void unknownMethodIdNamesTheRegisteredOnes() {
        try (Plugbench host = Plugbench.builder().build()) {
            assertThatThrownBy(() -> host.method(SpectralProbe.class, "nope"))
                    .isInstanceOf(MethodNotFoundException.class)
                    .hasMessageContaining("no method 'nope' in family 'spectral'")
                    .hasMessageContaining("gram-trace");
        }
    }
}
