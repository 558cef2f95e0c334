package dev.plugbench.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugbench.host.Plugbench;
import dev.plugbench.host.PluginVerifier;
import dev.plugbench.host.bench.Harness;
import dev.plugbench.host.bench.RunSpec;
import dev.plugbench.host.bench.TaskResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sdk-docs/getting-started.md as code: its files are taken from the page's blocks as written,
 * compiled (PF4J's processor writes the extension index), packaged with the page's
 * plugin.properties (the version from its POM block), then the page's promises are checked: the
 * conformance test and the hot-swap drill pass, verify-plugin passes, and the quick two-layer bench shows the method's
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
        String properties = only(blocks, "properties", "plugin.id=stable-rank");
        String probe = only(blocks, "java", "class StableRankProbe");
        String kitTest = only(blocks, "java", "class StableRankProbeTest");
        String drillTest = only(blocks, "java", "class StableRankHotSwapTest");

        Path src = Files.createDirectories(tmp.resolve("src/org/example"));
        Files.writeString(src.resolve("StableRankProbe.java"), probe);
        Files.writeString(src.resolve("StableRankProbeTest.java"), kitTest);
        Files.writeString(src.resolve("StableRankHotSwapTest.java"), drillTest);
        Path classes = tmp.resolve("classes");
        OutsiderBuild.compile(tmp.resolve("src"), classes);
        int[] passed = new int[1];
        assertThat(OutsiderBuild.runTests(classes, "org.example.StableRankProbeTest", passed)).isEmpty();
        assertThat(passed[0]).isEqualTo(8);

        // packaged as the plugin profile would, verified, benchmarked
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        Path jar = OutsiderBuild.packageJar(classes, properties, version, plugins.resolve("stable-rank-" + version + ".jar"));
        PluginVerifier.Report report = PluginVerifier.verify(jar, Optional.empty());
        assertThat(report.passed()).as(report.findings().toString()).isTrue();
        OutsiderBuild.drill(classes, "org.example.StableRankHotSwapTest", jar);
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
