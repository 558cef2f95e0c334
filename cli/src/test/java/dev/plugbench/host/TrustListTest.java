package dev.plugbench.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --trusted-only}: only the files on the trust list load; the rest are problems that name the command to trust them. */
class TrustListTest {
    @TempDir
    Path tmp;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void onlyTrustedFilesLoadAndAChangedFileIsNamed() throws Exception {
        Path trust = tmp.resolve("trust.json");
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        Path v1 = Files.copy(TestPlugins.v1(), plugins.resolve("a-fixture-1.jar"));
        Path v2 = Files.copy(TestPlugins.v2(), plugins.resolve("b-fixture-2.jar"));

        CliRun added = run("trust", "add", v1.toString(), "--trust-file", trust.toString());
        assertThat(added.code()).as(added.err()).isZero();
        assertThat(added.out()).contains("trusted probe-fixture 1.0.0 (sha256 ");
        assertThat(run("trust", "list", "--trust-file", trust.toString()).out()).contains("probe-fixture 1.0.0 " + ContentHash.of(v1));

        // v1 is trusted, v2 (a higher version, which would upgrade it) is not: it is refused with the command that trusts it
        try (Plugbench host = Plugbench.builder().pluginsDir(plugins).discoverClasspath(false).trustedOnly(trust).build()) {
            assertThat(host.plugins()).singleElement().satisfies(p -> assertThat(p.version()).isEqualTo("1.0.0"));
            assertThat(host.problems()).singleElement().satisfies(p -> {
                assertThat(p.kind()).isEqualTo(Problem.Kind.UNTRUSTED);
                assertThat(p.message()).contains("probe-fixture 2.0.0").contains("not on the trust list");
                assertThat(p.fix()).isEqualTo("if you trust this file: plugbench trust add " + v2);
            });
        }

        // the trusted id and version with other content: named as changed
        Path changedDir = Files.createDirectories(tmp.resolve("changed"));
        TestPlugins.variant(changedDir.resolve("fixture.jar"), Map.of("NOTICE.txt", "changed after it was trusted"));
        try (Plugbench host = Plugbench.builder().pluginsDir(changedDir).discoverClasspath(false).trustedOnly(trust).build()) {
            assertThat(host.plugins()).isEmpty();
            assertThat(host.problems()).singleElement().satisfies(p -> assertThat(p.message())
                    .contains("trusted with other content: the file changed since it was trusted"));
        }

        // the CLI flag, and removal
        CliRun listed = run("plugins", "--plugins", plugins.toString(), "--trusted-only", "--trust-file", trust.toString());
        assertThat(listed.out()).contains("frobenius").contains("1.0.0");
        assertThat(listed.err()).contains("UNTRUSTED").contains("plugbench trust add " + v2);
        assertThat(run("trust", "remove", "probe-fixture", "--trust-file", trust.toString()).code()).isZero();
        try (Plugbench host = Plugbench.builder().pluginsDir(plugins).discoverClasspath(false).trustedOnly(trust).build()) {
            assertThat(host.plugins()).isEmpty();
            assertThat(host.problems()).hasSize(2).allSatisfy(p -> assertThat(p.kind()).isEqualTo(Problem.Kind.UNTRUSTED));
        }
    }

    @Test
    void aPluginThatPlantsAJarInThePluginsFolderCannotGetItLoadedInTrustedMode() throws Exception {
        Path trust = tmp.resolve("trust.json");
        Path plugins = Files.createDirectories(tmp.resolve("planting"));
        Path planter = dev.plugbench.host.TestPluginJars.of(plugins, "planter", dev.plugbench.host.MisbehavingProbes.PluginsFolderWriter.class);
        assertThat(run("trust", "add", planter.toString(), "--trust-file", trust.toString()).code()).isZero();
        System.setProperty(dev.plugbench.host.MisbehavingProbes.PluginsFolderWriter.PLANT, TestPlugins.v2() + "|" + plugins);
        try (Plugbench host = Plugbench.builder().pluginsDir(plugins).discoverClasspath(false).trustedOnly(trust).build()) {
            Families.sampleCall(dev.plugbench.api.spectral.SpectralProbe.class,
                    host.method(dev.plugbench.api.spectral.SpectralProbe.class, "plants-a-plugin"));
        } finally {
            System.clearProperty(dev.plugbench.host.MisbehavingProbes.PluginsFolderWriter.PLANT);
        }
        Path planted = plugins.resolve("planted.jar");
        assertThat(planted).exists();
        // the next run: the planted file is refused, named, with the command a user would have to run on purpose
        try (Plugbench host = Plugbench.builder().pluginsDir(plugins).discoverClasspath(false).trustedOnly(trust).build()) {
            assertThat(host.plugins()).extracting(PluginInfo::id).containsExactly("planter");
            assertThat(host.problems()).singleElement().satisfies(p -> {
                assertThat(p.kind()).isEqualTo(Problem.Kind.UNTRUSTED);
                assertThat(p.fix()).isEqualTo("if you trust this file: plugbench trust add " + planted);
            });
        }
    }
}
