package dev.plugbench.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugbench.api.spectral.SpectralProbe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each defect is reported against its plugin, and the host goes on serving everything else. */
class BadPluginTest {
    private static final String INDEX = "META-INF/extensions.idx";
    private static final String FROBENIUS = "dev.plugbench.fixture.FrobeniusProbe";

    @TempDir
    Path tmp;

    private Plugbench hostOver(Path dir) {
        return Plugbench.builder().pluginsDir(dir).discoverClasspath(false).build();
    }

    private Path dirWithV1() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("plugins"));
        Files.copy(TestPlugins.v1(), dir.resolve("a-good.jar"));
        return dir;
    }

    private static void stillServes(Plugbench host) {
        SpectralProbe probe = host.method(SpectralProbe.class, "frobenius");
        assertThat(probe.measure(TestPlugins.probeInput(), probe.info().defaults()).values()).containsEntry("fro:W", 70.0);
    }

    @Test
    void corruptZipIsReported() throws IOException {
        Path dir = dirWithV1();
        Files.write(dir.resolve("b-broken.zip"), "this is not a zip".getBytes());
        try (Plugbench host = hostOver(dir)) {
            assertThat(host.problems()).singleElement().satisfies(p -> {
                assertThat(p.kind()).isEqualTo(Problem.Kind.CORRUPT_PLUGIN);
                assertThat(p.subject()).endsWith("b-broken.zip");
                assertThat(p.fix()).isNotBlank();
            });
            stillServes(host);
        }
    }

    @Test
    void truncatedJarIsReported() throws IOException {
        Path dir = dirWithV1();
        byte[] jar = Files.readAllBytes(TestPlugins.v1());
        Files.write(dir.resolve("b-truncated.jar"), Arrays.copyOf(jar, jar.length / 3));
        try (Plugbench host = hostOver(dir)) {
            assertThat(host.problems()).singleElement().satisfies(p -> {
                assertThat(p.kind()).isEqualTo(Problem.Kind.CORRUPT_PLUGIN);
                assertThat(p.message()).contains("no valid plugin descriptor");
            });
            stillServes(host);
        }
    }

    @Test
    void missingExtensionClassIsReportedAndTheOtherExtensionsWork() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("plugins"));
        TestPlugins.variant(dir.resolve("missing.jar"), Map.of(INDEX, "dev.plugbench.fixture.DoesNotExist\n" + FROBENIUS + "\n"));
        try (Plugbench host = hostOver(dir)) {
            assertThat(host.problems()).singleElement().satisfies(p -> {
                assertThat(p.kind()).isEqualTo(Problem.Kind.MISSING_CLASS);
                assertThat(p.subject()).isEqualTo(TestPlugins.FIXTURE_ID);
                assertThat(p.message()).contains("dev.plugbench.fixture.DoesNotExist");
            });
            stillServes(host);
        }
    }

    @Test
    void extensionWhoseConstructorThrowsIsReportedAndTheOtherExtensionsWork() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("plugins"));
        TestPlugins.variant(dir.resolve("exploding.jar"), Map.of(INDEX, "dev.plugbench.fixture.ExplodingProbe\n" + FROBENIUS + "\n"));
        try (Plugbench host = hostOver(dir)) {
            assertThat(host.problems()).singleElement().satisfies(p -> {
                assertThat(p.kind()).isEqualTo(Problem.Kind.BROKEN_EXTENSION);
                assertThat(p.message()).contains("ExplodingProbe").contains("fails in its constructor on purpose");
            });
            stillServes(host);
        }
    }

    @Test
    void aHigherVersionOfALoadedPluginUpgradesIt() throws IOException {
        Path dir = dirWithV1();
        Files.copy(TestPlugins.v2(), dir.resolve("b-second.jar"));
        try (Plugbench host = hostOver(dir)) {
            assertThat(host.problems()).isEmpty();
            assertThat(host.plugins()).singleElement().satisfies(p -> {
                assertThat(p.version()).isEqualTo("2.0.0");
                assertThat(p.file().getFileName().toString()).isEqualTo("b-second.jar");
            });
            stillServes(host);
        }
    }

    @Test
    void anOlderVersionOrTheSameVersionWithOtherContentIsRefusedNamingBothFiles() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("versions"));
        Files.copy(TestPlugins.v2(), dir.resolve("a-v2.jar"));
        Files.copy(TestPlugins.v1(), dir.resolve("b-v1.jar"));
        Files.copy(TestPlugins.v2(), dir.resolve("c-v2-copy.jar"));
        TestPlugins.variant(dir.resolve("d-v1-changed.jar"), java.util.Map.of("NOTICE.txt", "other content, same version"));
        try (Plugbench host = hostOver(dir)) {
            assertThat(host.plugins()).singleElement().satisfies(p -> assertThat(p.version()).isEqualTo("2.0.0"));
            assertThat(host.problems()).hasSize(3).allSatisfy(p -> assertThat(p.kind()).isEqualTo(Problem.Kind.DUPLICATE_PLUGIN));
            assertThat(host.problems().get(0).message()).contains("b-v1.jar").contains("1.0.0, older than the loaded 2.0.0").contains("a-v2.jar");
            assertThat(host.problems().get(1).message()).contains("c-v2-copy.jar is the same plugin 'probe-fixture' 2.0.0");
            assertThat(host.problems().get(2).message()).contains("d-v1-changed.jar").contains("older");
            assertThat(host.problems().get(0).fix()).contains("remove the older file");
            stillServes(host);
        }
    }

    @Test
    void theSameVersionWithOtherContentRefusesBothFilesWhateverTheirOrder() throws IOException {
        for (String second : List.of("0-first.jar", "z-last.jar")) {
            Path dir = Files.createDirectories(tmp.resolve("same-version-" + second));
            Files.copy(TestPlugins.v1(), dir.resolve("m-good.jar"));
            TestPlugins.variant(dir.resolve(second), java.util.Map.of("NOTICE.txt", "other content, same version"));
            try (Plugbench host = hostOver(dir)) {
                assertThat(host.plugins()).isEmpty();
                assertThat(host.allMethods()).isEmpty();
                assertThat(host.problems()).singleElement().satisfies(p -> {
                    assertThat(p.kind()).isEqualTo(Problem.Kind.DUPLICATE_PLUGIN);
                    assertThat(p.subject()).isEqualTo("probe-fixture");
                    assertThat(p.message()).contains("m-good.jar").contains(second).contains("both hold plugin 'probe-fixture' 1.0.0 with other content")
                            .contains("both are refused");
                    assertThat(p.fix()).contains("bump plugin.version");
                });
            }
        }
    }


    @Test
    void aPluginThatDependsOnAnotherPluginIsRefusedClearly() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("deps"));
        TestPlugins.variant(dir.resolve("needs-other.jar"), java.util.Map.of("plugin.properties",
                TestPlugins.properties("plugin.requires", ">=0.1.0 & <1.0.0") + "plugin.dependencies=other-plugin\n"));
        try (Plugbench host = hostOver(dir)) {
            assertThat(host.plugins()).isEmpty();
            assertThat(host.problems()).singleElement().satisfies(p -> {
                assertThat(p.message()).contains("plugin-to-plugin dependencies are not supported").contains("other-plugin");
                assertThat(p.fix()).contains("lib/");
            });
        }
    }

    @Test
    void aPluginClassThatThrowsInItsConstructorOrStartIsAProblemAndEverythingElseWorks() throws IOException {
        Path dir = dirWithV1();
        dev.plugbench.host.TestPluginJars.of(dir, "b-ctor", "plugin.class=" + ThrowingPlugins.InConstructor.class.getName() + "\n",
                dev.plugbench.host.MisbehavingProbes.Throwing.class);
        dev.plugbench.host.TestPluginJars.of(dir, "c-start", "plugin.class=" + ThrowingPlugins.InStart.class.getName() + "\n",
                dev.plugbench.host.MisbehavingProbes.Negative.class);
        try (Plugbench host = hostOver(dir)) {
            assertThat(host.plugins()).extracting(PluginInfo::id).containsExactly("probe-fixture");
            assertThat(host.problems()).hasSize(2).allSatisfy(p -> assertThat(p.kind()).isEqualTo(Problem.Kind.START_FAILED));
            assertThat(host.problems()).anySatisfy(p -> assertThat(p.message()).contains("fails in its constructor on purpose"))
                    .anySatisfy(p -> assertThat(p.message()).contains("fails in start() on purpose"));
            stillServes(host);
            // a reload to such a version is a problem too, and the old version keeps serving
            Path bad = dev.plugbench.host.TestPluginJars.of(Files.createDirectories(tmp.resolve("bad")), "probe-fixture",
                    "plugin.class=" + ThrowingPlugins.InStart.class.getName() + "\n", dev.plugbench.host.MisbehavingProbes.Throwing.class);
            assertThatThrownBy(() -> host.reloadPlugin("probe-fixture", bad)).isInstanceOf(PluginOperationException.class)
                    .hasMessageContaining("fails in start() on purpose");
            stillServes(host);
        }
    }

    @Test
    void aZipThatExpandsBeyondTheLimitIsRefusedAsAZipBomb() throws IOException {
        Path dir = dirWithV1();
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(Files.newOutputStream(dir.resolve("bomb.zip")))) {
            z.putNextEntry(new java.util.zip.ZipEntry("plugin.properties"));
            z.write("plugin.id=bomb\nplugin.version=1.0.0\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            z.putNextEntry(new java.util.zip.ZipEntry("classes/zeros.bin"));
            z.write(new byte[3 << 20]); // 3 MiB of zeros, a few KiB compressed
        }
        assertThat(Files.size(dir.resolve("bomb.zip"))).isLessThan(100_000);
        try (Plugbench host = Plugbench.builder().pluginsDir(dir).discoverClasspath(false).maxPluginBytes(1 << 20).build()) {
            assertThat(host.problems()).singleElement().satisfies(p -> assertThat(p.message())
                    .contains("expands to more than 1 MiB: refused as a zip bomb"));
            stillServes(host);
        }
    }

    @Test
    void workFoldersOfDeadProcessesAreRemovedAndLiveOnesKept() throws Exception {
        Path tmpDir = Files.createDirectories(tmp.resolve("tmpdir"));
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        Path orphan = Files.createDirectories(tmpDir.resolve("plugbench-111"));
        Files.writeString(orphan.resolve(ShadowCopies.OWNER), Long.toString(dead.pid()));
        Files.writeString(Files.createDirectories(orphan.resolve("1-x.jar")).resolve("x.jar"), "copy");
        Path live = Files.createDirectories(tmpDir.resolve("plugbench-222"));
        Files.writeString(live.resolve(ShadowCopies.OWNER), Long.toString(ProcessHandle.current().pid()));
        Path foreign = Files.createDirectories(tmpDir.resolve("plugbench-notes"));
        assertThat(ShadowCopies.removeOrphans(tmpDir)).isEqualTo(1);
        assertThat(orphan).doesNotExist();
        assertThat(live).exists();
        assertThat(foreign).exists();
    }

    @Test
    void pluginWithoutExtensionIndexIsReported() throws IOException {
        Path dir = dirWithV1();
        TestPlugins.variant(dir.resolve("b-empty.jar"), Map.of(INDEX, "", "plugin.properties", TestPlugins.properties("plugin.id", "empty-fixture")));
        try (Plugbench host = hostOver(dir)) {
            assertThat(host.problems()).singleElement().satisfies(p -> {
                assertThat(p.kind()).isEqualTo(Problem.Kind.NO_EXTENSIONS);
                assertThat(p.fix()).contains("annotationProcessorPaths");
            });
            stillServes(host);
        }
    }

    @Test
    void loadingAMissingFileThrowsWithTheReason() throws IOException {
        try (Plugbench host = hostOver(dirWithV1())) {
            assertThatThrownBy(() -> host.loadPlugin(tmp.resolve("nowhere.jar")))
                    .isInstanceOf(PluginOperationException.class).hasMessageContaining("does not exist");
            stillServes(host);
        }
    }

    @Test
    void pluginRequiringAnotherApiVersionIsRejectedAndTheOthersLoad() throws IOException {
        Path dir = dirWithV1();
        String props = TestPlugins.properties("plugin.id", "future-fixture").replaceAll("(?m)^plugin.requires=.*$", "plugin.requires=>=2.0.0");
        TestPlugins.variant(dir.resolve("b-future.jar"), Map.of("plugin.properties", props));
        try (Plugbench host = hostOver(dir)) {
            assertThat(host.problems()).singleElement().satisfies(p -> {
                assertThat(p.kind()).isEqualTo(Problem.Kind.INCOMPATIBLE_API);
                assertThat(p.subject()).isEqualTo("future-fixture");
                assertThat(p.message()).contains(">=2.0.0").contains(dev.plugbench.api.ApiVersion.VERSION);
            });
            assertThat(host.plugins()).extracting(PluginInfo::id).containsExactly(TestPlugins.FIXTURE_ID);
            stillServes(host);
        }
    }
}
