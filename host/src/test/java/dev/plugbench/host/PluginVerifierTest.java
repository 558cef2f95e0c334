package dev.plugbench.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code verify-plugin}: the fixture passes; each defect a built plugin can have is an error that names it. */
class PluginVerifierTest {
    @TempDir
    Path tmp;

    private Path variant(String name, Map<String, byte[]> replaced) throws IOException {
        return TestPlugins.variantBytes(tmp.resolve(name), replaced);
    }

    private static byte[] entry(String name) throws IOException {
        try (JarFile in = new JarFile(TestPlugins.v1().toFile()); InputStream is = in.getInputStream(in.getEntry(name))) {
            return is.readAllBytes();
        }
    }

    private static java.util.Set<Path> scratchFolders() throws IOException {
        try (java.util.stream.Stream<Path> f = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return f.filter(p -> p.getFileName().toString().startsWith("plugbench-verify")).collect(java.util.stream.Collectors.toSet());
        }
    }

    private static List<String> errors(PluginVerifier.Report r) {
        return r.findings().stream().filter(f -> f.level() == PluginVerifier.Finding.Level.ERROR).map(Object::toString).toList();
    }

    @Test
    void theFixturePassesEveryCheckAndItsMethodAnswers() throws IOException {
        java.util.Set<Path> before = scratchFolders();
        PluginVerifier.Report r = PluginVerifier.verify(TestPlugins.v1(), Optional.empty());
        assertThat(scratchFolders()).as("the verifier's scratch folder is removed").isSubsetOf(before);
        assertThat(errors(r)).isEmpty();
        assertThat(r.passed()).isTrue();
        assertThat(r.findings()).extracting(Object::toString).anyMatch(f -> f.startsWith("OK references:"))
                .anyMatch(f -> f.startsWith("OK sample call: spectral/frobenius"));
    }

    @Test
    void aMethodThatEndsTheJvmIsAnErrorAndTheVerifierGoesOn() throws IOException {
        java.util.Set<Path> before = scratchFolders();
        Path jar = dev.plugbench.host.TestPluginJars.of(Files.createDirectories(tmp.resolve("exiting")), "exiting",
                dev.plugbench.host.MisbehavingProbes.Exiting.class);
        PluginVerifier.Report r = PluginVerifier.verify(jar, Optional.empty());
        assertThat(r.passed()).isFalse();
        assertThat(errors(r)).singleElement().satisfies(f -> assertThat(f)
                .contains("the JVM running the plugin's methods ended with exit status 3").contains("System.exit"));
        assertThat(scratchFolders()).as("the scratch folder is removed although the worker was ended").isSubsetOf(before);
    }

    @Test
    void aPluginThatLeaksThroughAThreadLocalFailsTheHotSwapCheck() throws IOException {
        Path jar = dev.plugbench.host.TestPluginJars.of(Files.createDirectories(tmp.resolve("leaky")), "leaky", LeakyProbes.ThreadLocalLeak.class);
        PluginVerifier.Report r = PluginVerifier.verify(jar, Optional.empty());
        assertThat(r.passed()).isFalse();
        assertThat(r.findings()).filteredOn(f -> f.check().equals("sample call")).allMatch(f -> f.level() == PluginVerifier.Finding.Level.OK);
        assertThat(r.findings()).filteredOn(f -> f.check().equals("hot swap")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("ThreadLocal"));
    }

    @Test
    void aReferenceToAMemberTheContractDoesNotHaveIsFoundInTheBytecode() throws IOException {
        byte[] probe = entry("dev/plugbench/fixture/FrobeniusProbe.class");
        String text = new String(probe, StandardCharsets.ISO_8859_1);
        assertThat(text).contains("integer");
        byte[] patched = text.replace("integer", "integar").getBytes(StandardCharsets.ISO_8859_1);
        PluginVerifier.Report r = PluginVerifier.verify(variant("newer-api.jar", Map.of("dev/plugbench/fixture/FrobeniusProbe.class", patched)),
                Optional.empty());
        assertThat(r.passed()).isFalse();
        assertThat(errors(r)).anyMatch(e -> e.contains("dev.plugbench.fixture.FrobeniusProbe uses dev.plugbench.api.Params.integar(Ljava/lang/String;)I")
                && e.contains("which this host's contract and toolkit do not have"));
    }

    @Test
    void bundledHostClassesAMissingIndexedClassAndAnExcludedApiRangeAreErrors() throws IOException {
        byte[] pf4jExtension;
        try (InputStream in = PluginVerifierTest.class.getClassLoader().getResourceAsStream("org/pf4j/Extension.class")) {
            pf4jExtension = in.readAllBytes();
        }
        Path broken = variant("broken.jar", Map.of(
                "org/pf4j/Extension.class", pf4jExtension,
                "META-INF/extensions.idx", "dev.plugbench.fixture.FrobeniusProbe\ndev.plugbench.fixture.Missing\n".getBytes(StandardCharsets.UTF_8),
                "plugin.properties", TestPlugins.properties("plugin.requires", ">=9.0.0").getBytes(StandardCharsets.UTF_8)));
        List<String> errors = errors(PluginVerifier.verify(broken, Optional.empty()));
        assertThat(errors).anyMatch(e -> e.startsWith("ERROR bundled classes: 1 classes of org.pf4j.* are bundled") && e.contains("provided"));
        assertThat(errors).anyMatch(e -> e.startsWith("ERROR extension index: it lists dev.plugbench.fixture.Missing"));
        assertThat(errors).anyMatch(e -> e.startsWith("ERROR api range: plugin.requires '>=9.0.0' excludes this host's API"));
    }

    @Test
    void aMethodIdAnInstalledPluginAlreadyProvidesIsAnError() throws IOException {
        Path installed = Files.createDirectories(tmp.resolve("installed"));
        Files.copy(TestPlugins.v1(), installed.resolve("probe-fixture.jar"));
        Path copy = variant("copy.jar", Map.of("plugin.properties", TestPlugins.properties("plugin.id", "fixture-copy").getBytes(StandardCharsets.UTF_8)));
        assertThat(errors(PluginVerifier.verify(copy, Optional.of(installed))))
                .anyMatch(e -> e.contains("method ids: spectral/frobenius is already provided by the installed plugin probe-fixture 1.0.0"));
        assertThat(errors(PluginVerifier.verify(TestPlugins.v1(), Optional.of(installed))))
                .as("the installed plugin's own methods do not clash with a new version of it").isEmpty();
    }
}
