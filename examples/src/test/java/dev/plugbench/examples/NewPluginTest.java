package dev.plugbench.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugbench.host.Plugbench;
import dev.plugbench.host.PluginVerifier;
import dev.plugbench.host.RegisteredMethod;
import dev.plugbench.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code plugbench new-plugin FAMILY ID}: for every family, the generated project's sources compile,
 * its conformance test and its hot-swap drill pass, the packaged plugin passes verify-plugin and loads with its method.
 * (Built with Maven from an empty folder against the installed artifacts, as an outsider does, in the
 * note of this change.)
 */
class NewPluginTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"lwa", "latent", "attribution", "spectral"})
    void theGeneratedProjectBuildsPassesTheKitAndLoads(String family) throws Exception {
        Path project = tmp.resolve("my-" + family);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new String[] {"new-plugin", family, "my-" + family, project.toString()}, new PrintWriter(out, true),
                new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("created " + project);
        assertThat(project.resolve("pom.xml")).content().contains("<artifactId>my-" + family + "</artifactId>").contains("<version>1.0.0</version>");

        Path classes = tmp.resolve("classes-" + family);
        OutsiderBuild.compile(project.resolve("src"), classes);
        String className = "org.example.my" + family + ".My" + Character.toUpperCase(family.charAt(0)) + family.substring(1);
        int[] passed = new int[1];
        assertThat(OutsiderBuild.runTests(classes, className + "Test", passed)).isEmpty();
        assertThat(passed[0]).isGreaterThanOrEqualTo(7);

        Path jar = OutsiderBuild.packageJar(classes, Files.readString(project.resolve("plugin.properties")), "1.0.0",
                tmp.resolve("plugins-" + family).resolve("my-" + family + "-1.0.0.jar"));
        PluginVerifier.Report report = PluginVerifier.verify(jar, Optional.empty());
        assertThat(report.passed()).as(report.findings().toString()).isTrue();
        // the generated hot-swap drill (in Maven's test phase it drills target/classes; here, the packaged jar)
        OutsiderBuild.drill(classes, className + "HotSwapTest", jar);
        try (Plugbench host = Plugbench.builder().pluginsDir(jar.getParent()).discoverClasspath(false).build()) {
            assertThat(host.problems()).isEmpty();
            assertThat(host.allMethods()).extracting(RegisteredMethod::id).containsExactly("my-" + family);
            assertThat(host.allMethods()).extracting(RegisteredMethod::pluginVersion).containsExactly("1.0.0");
        }
    }

    @org.junit.jupiter.api.Test
    void anUnknownFamilyOrAnExistingFolderIsAClearError() throws Exception {
        StringWriter err = new StringWriter();
        assertThat(Main.execute(new String[] {"new-plugin", "optics", "x", tmp.resolve("x").toString()}, new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true))).isEqualTo(1);
        assertThat(err.toString()).contains("no template for family 'optics'").contains("use one of attribution, latent, lwa, spectral");
        Files.createDirectories(tmp.resolve("taken"));
        StringWriter err2 = new StringWriter();
        assertThat(Main.execute(new String[] {"new-plugin", "lwa", "y", tmp.resolve("taken").toString()}, new PrintWriter(new StringWriter(), true),
                new PrintWriter(err2, true))).isEqualTo(1);
        assertThat(err2.toString()).contains("already exists");
    }
}
