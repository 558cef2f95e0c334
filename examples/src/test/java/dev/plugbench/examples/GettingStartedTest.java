package dev.plugbench.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugbench.host.Plugbench;
import dev.plugbench.host.PluginVerifier;
import dev.plugbench.host.bench.Harness;
import dev.plugbench.host.bench.RunSpec;
import dev.plugbench.host.bench.TaskResult;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * sdk-docs/getting-started.md as code: its files are taken from the page's blocks as written,
 * compiled (PF4J's processor writes the extension index), packaged with the page's
 * plugin.properties (the version from its POM block), then the page's promises are checked: the
 * conformance test passes, verify-plugin passes, and the quick two-layer bench shows the method's
 * version and its declared column.
 */
class GettingStartedTest {
    private static final Pattern BLOCK = Pattern.compile("```(\\w+)\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path tmp;

    private static List<String[]> blocks() throws IOException {
        String page = Files.readString(Path.of(System.getProperty("plugbench.sdkdocs", "../sdk-docs")).resolve("getting-started.md"));
        List<String[]> out = new ArrayList<>();
        Matcher m = BLOCK.matcher(page);
        while (m.find()) {
            out.add(new String[] {m.group(1), m.group(2)});
        }
        return out;
    }

    private static String only(List<String[]> blocks, String lang, String containing) {
        return blocks.stream().filter(b -> b[0].equals(lang) && b[1].contains(containing)).map(b -> b[1]).findFirst()
                .orElseThrow(() -> new AssertionError("getting-started.md has no " + lang + " block containing " + containing));
    }

    @Test
    void thePageBuildsAPluginThatPassesTheKitTheVerifierAndShowsItsColumn() throws Exception {
        List<String[]> blocks = blocks();
        String pom = only(blocks, "xml", "<artifactId>stable-rank</artifactId>");
        String version = pom.replaceAll("(?s).*<artifactId>stable-rank</artifactId>\\s*<version>([^<]+)</version>.*", "$1");
        String properties = only(blocks, "properties", "plugin.id=stable-rank").replace("${project.version}", version);
        String probe = only(blocks, "java", "class StableRankProbe");
        String kitTest = only(blocks, "java", "class StableRankProbeTest");

        Path src = Files.createDirectories(tmp.resolve("src/org/example"));
        Files.writeString(src.resolve("StableRankProbe.java"), probe);
        Files.writeString(src.resolve("StableRankProbeTest.java"), kitTest);
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int compiled = javac.run(null, null, null, "-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
                src.resolve("StableRankProbe.java").toString(), src.resolve("StableRankProbeTest.java").toString());
        assertThat(compiled).as("the page's Java compiles against the installed API, toolkit and kit").isZero();
        assertThat(classes.resolve("META-INF/extensions.idx")).as("PF4J's processor indexed the @Extension").exists();

        // the page's conformance test passes
        List<String> failures = new ArrayList<>();
        int[] passed = new int[1];
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
            Class<?> test = loader.loadClass("org.example.StableRankProbeTest");
            LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(DiscoverySelectors.selectClass(test)).build(),
                    new TestExecutionListener() {
                        @Override
                        public void executionFinished(TestIdentifier id, TestExecutionResult r) {
                            if (id.isTest()) {
                                if (r.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
                                    passed[0]++;
                                } else {
                                    failures.add(id.getDisplayName() + ": " + r.getThrowable().map(Throwable::getMessage).orElse(""));
                                }
                            }
                        }
                    });
        }
        assertThat(failures).isEmpty();
        assertThat(passed[0]).isEqualTo(8);

        // packaged as the plugin profile would, verified, benchmarked
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        Path jar = plugins.resolve("stable-rank-" + version + ".jar");
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(os)) {
            out.putNextEntry(new JarEntry("plugin.properties"));
            out.write(properties.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            try (Stream<Path> files = Files.walk(classes)) {
                for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.toString().endsWith("Test.class")).toList()) {
                    out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                    out.write(Files.readAllBytes(f));
                    out.closeEntry();
                }
            }
        }
        PluginVerifier.Report report = PluginVerifier.verify(jar, Optional.empty());
        assertThat(report.passed()).as(report.findings().toString()).isTrue();
        try (Plugbench host = Plugbench.builder().pluginsDir(plugins).discoverClasspath(false).build()) {
            Harness harness = new Harness(host);
            TaskResult r = harness.run(RunSpec.of("spectral", tmp.resolve("results")).withTask("two-layer").withQuick(true).withSeeds(2)).get(0);
            String table = harness.tableWithBest(r);
            assertThat(table).contains("| method | version | params | test_mse | stable-rank: stable_rank | failed |")
                    .contains("| stable-rank | " + version + " |");
            assertThat(r.rows()).noneMatch(dev.plugbench.api.bench.CellResult::failed);
        }
    }
}
