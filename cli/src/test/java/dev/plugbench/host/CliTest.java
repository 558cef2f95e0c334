package dev.plugbench.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    @TempDir
    Path tmp;

    /**
     * These tests are about the commands' output, not where cells run: the fixture plugin is trusted (in the test JVM's
     * own home, target/test-home), so its cells run in this JVM as the product plugins' do; IsolationByDefaultTest
     * covers the plugins nobody trusted.
     */
    @org.junit.jupiter.api.BeforeAll
    static void trustTheFixture() throws java.io.IOException {
        assertThat(TrustList.defaultFile().toString()).as("surefire gives the tests a home of their own").contains("test-home");
        TrustList.read(TrustList.defaultFile()).add(new TrustList.Entry("probe-fixture", "1.0.0", ContentHash.ofPlugin(TestPlugins.v1())));
    }

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private Path pluginsDir() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("plugins"));
        Files.copy(TestPlugins.v1(), dir.resolve("fixture.jar"));
        return dir;
    }

    @Test
    void pluginsJsonListsEveryMethodWithTheDocumentedKeys() throws Exception {
        CliRun r = run("plugins", "--json", "--plugins", pluginsDir().toString());
        assertThat(r.code()).isZero();
        JsonNode rows = new ObjectMapper().readTree(r.out());
        assertThat(rows.isArray()).isTrue();
        JsonNode frob = null;
        for (JsonNode row : rows) {
            assertThat(row.fieldNames()).toIterable().containsExactly("family", "id", "plugin", "version", "source");
            if (row.get("id").asText().equals("frobenius")) {
                frob = row;
            }
        }
        assertThat(frob).isNotNull();
        assertThat(frob.get("plugin").asText()).isEqualTo("probe-fixture");
        assertThat(frob.get("source").asText()).isEqualTo("pf4j");
    }

    @Test
    void unknownCommandExitsNonZeroWithAReasonAndAHint() {
        CliRun r = run("frobnicate");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("plugbench: ").contains("frobnicate").contains("hint: run 'plugbench --help'");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void badFlagExitsNonZeroWithAReasonAndAHint() {
        CliRun r = run("plugins", "--colour");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--colour").contains("hint: run 'plugbench plugins --help'");
    }

    @Test
    void hotswapCheckOfAMissingPluginSaysWhatToGive() throws Exception {
        CliRun r = run("hotswap-check", "no-such-plugin", "--plugins", pluginsDir().toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("'no-such-plugin' is neither a loaded plugin id nor a plugin file").contains("hint:");
    }

    @Test
    void hotswapCheckReportsTheDrillAsJson() throws Exception {
        CliRun r = run("hotswap-check", TestPlugins.v1().toString(), "--swaps", "5", "--threads", "2", "--json",
                "--plugins", tmp.resolve("empty").toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(r.out());
        assertThat(report.get("swaps").asInt()).isEqualTo(5);
        assertThat(report.get("failed_calls").asLong()).isZero();
        assertThat(report.get("leaked_classloaders").asInt()).isZero();
        assertThat(report.get("calls").asLong()).isPositive();
        assertThat(report.has("swap_ms_p50")).isTrue();
        assertThat(report.has("swap_ms_p99")).isTrue();
    }

    @Test
    void benchWritesResultsAndPrintsTheTable() throws Exception {
        Path out = tmp.resolve("out");
        CliRun r = run("bench", "spectral", "--task", "digits-drift", "--quick", "--seeds", "2", "--threads", "2", "--out", out.toString(),
                "--plugins", pluginsDir().toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("spectral / digits-drift (quick)").contains("| frobenius |").contains("| gram-trace |");
        assertThat(out.resolve("digits-drift/results.json")).exists();
        assertThat(r.err()).contains("[digits-drift] 4 cells");
    }

    @Test
    void benchOfAnUnknownFamilySaysWhichExist() throws Exception {
        CliRun r = run("bench", "optics", "--out", tmp.resolve("o").toString(), "--plugins", pluginsDir().toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("no benchmark task for family 'optics'").contains("hint:");
    }

    @Test
    void demoRunsEveryFamilysQuickTasks() throws Exception {
        Path out = tmp.resolve("demo");
        CliRun r = run("demo", "--out", out.toString(), "--seeds", "1", "--plugins", pluginsDir().toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("spectral / digits-drift (quick)").contains("reports under");
        assertThat(out.resolve("spectral/digits-drift/report.md")).exists();
        assertThat(out.resolve("spectral/digits-drift/report.html")).exists();
        // the demo's index links every task's interactive report
        assertThat(java.nio.file.Files.readString(out.resolve("index.html"))).contains("spectral/digits-drift/report.html");
        assertThat(r.out()).contains("open " + out.toAbsolutePath().resolve("index.html"));
        // report DIR rebuilds them from the stored results
        CliRun again = run("report", out.toString(), "--test", "t");
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).contains("rebuilt " + out.resolve("spectral/digits-drift/report.html")).contains("index: " + out.resolve("index.html"));
        assertThat(java.nio.file.Files.readString(out.resolve("spectral/digits-drift/report.md"))).contains("paired t-test");
        assertThat(run("report", tmp.resolve("nowhere").toString()).code()).isEqualTo(1);
    }

    @Test
    void everySubcommandAnswersHelp() {
        for (String command : new String[] {"demo", "bench", "compare", "report", "plugins", "hotswap-check"}) {
            CliRun r = run(command, "--help");
            assertThat(r.code()).as(command).isZero();
            assertThat(r.out()).as(command).startsWith("Usage: plugbench " + command).contains("--help");
        }
    }

    @Test
    void benchExitCodesSayWhatWentWrong() throws Exception {
        // 3: some cells failed (a probe that always throws), results still written
        Path plugins = pluginsDir();
        dev.plugbench.host.TestPluginJars.of(plugins, "throwing", dev.plugbench.host.MisbehavingProbes.Throwing.class);
        CliRun failed = run("bench", "spectral", "--task", "digits-drift", "--quick", "--seeds", "1", "--out", tmp.resolve("o3").toString(),
                "--plugins", plugins.toString());
        assertThat(failed.code()).as(failed.err()).isEqualTo(3);
        assertThat(failed.err()).contains("1 cell(s) failed");
        assertThat(tmp.resolve("o3/digits-drift/results.json")).exists();
        // 4: a refused plugin, printed with its fix
        Files.writeString(plugins.resolve("broken.zip"), "not a zip");
        CliRun refused = run("bench", "spectral", "--task", "digits-drift", "--quick", "--seeds", "1", "--methods", "frobenius",
                "--out", tmp.resolve("o4").toString(), "--plugins", plugins.toString());
        assertThat(refused.code()).isEqualTo(4);
        assertThat(refused.err()).contains("plugin problem(s)").contains("broken.zip").contains("fix:");
        // 4: a missing plugins folder; 1: an empty --out
        CliRun missing = run("bench", "spectral", "--task", "digits-drift", "--quick", "--seeds", "1", "--out", tmp.resolve("o5").toString(),
                "--plugins", tmp.resolve("nowhere").toString());
        assertThat(missing.code()).isEqualTo(4);
        assertThat(missing.err()).contains("does not exist");
        assertThat(run("bench", "spectral", "--out", "", "--plugins", plugins.toString()).code()).isEqualTo(1);
        // 1: an --out that cannot be a folder, said plainly
        Path aFile = Files.writeString(tmp.resolve("a-file"), "x");
        CliRun notAFolder = run("bench", "spectral", "--task", "digits-drift", "--quick", "--seeds", "1", "--out", aFile.toString(),
                "--plugins", plugins.toString());
        assertThat(notAFolder.code()).isEqualTo(1);
        assertThat(notAFolder.err()).contains("--out " + aFile + " is a file, not a folder");
        CliRun underAFile = run("bench", "spectral", "--task", "digits-drift", "--quick", "--seeds", "1", "--out", aFile.resolve("x").toString(),
                "--plugins", plugins.toString());
        assertThat(underAFile.code()).isEqualTo(1);
        assertThat(underAFile.err()).contains("cannot create or lock the output folder").contains("writable folders");
    }
}
