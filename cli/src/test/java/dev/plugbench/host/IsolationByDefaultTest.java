package dev.plugbench.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With no isolation flag, a plugin nobody vetted runs its cells in worker JVMs: an endless loop, a
 * heap hog and a System.exit fail only its own cells, while the trusted plugin's cells run in the
 * host; the provenance says which plugin ran where. The hot-swap drill of such a plugin runs in a
 * JVM of its own.
 */
class IsolationByDefaultTest {
    @TempDir
    Path tmp;

    @Test
    @SuppressWarnings("unchecked")
    void anUntrustedPluginThatSpinsHoardsAndExitsFailsOnlyItsOwnCellsWithNoFlags() throws Exception {
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        Path fixture = Files.copy(TestPlugins.v1(), plugins.resolve("probe-fixture.jar"));
        TestPluginJars.of(plugins, "hostile", MisbehavingProbes.Spinning.class, MisbehavingProbes.HeapHoarder.class, MisbehavingProbes.ExitingZero.class);
        String trust = tmp.resolve("trust.json").toString();
        assertThat(ChildCli.run(tmp, "trust", "add", fixture.toString(), "--trust-file", trust).code()).isZero();
        Path out = tmp.resolve("run");

        ChildCli.Ended run = ChildCli.run(tmp, "bench", "spectral", "--task", "digits-drift", "--quick", "--seeds", "1", "--cell-timeout", "5",
                "--methods", "frobenius,spinning,heap-hoarder,exits-zero", "--plugins", plugins.toString(), "--trust-file", trust, "--out", out.toString());

        assertThat(run.code()).as(run.output()).isEqualTo(3);
        assertThat(run.output()).contains("not on your trust list, so their cells run in worker JVMs: hostile 1.0.0 (hostile.jar)")
                .doesNotContain("probe-fixture 1.0.0 (probe-fixture.jar)");
        Map<String, Object> results = new ObjectMapper().readValue(out.resolve("digits-drift/results.json").toFile(), Map.class);
        Map<String, List<String>> errors = ((List<Map<String, Object>>) results.get("rows")).stream()
                .collect(Collectors.groupingBy(r -> (String) r.get("method"), Collectors.mapping(r -> String.valueOf(r.get("error")), Collectors.toList())));
        assertThat(errors.get("frobenius")).isNotEmpty().containsOnly("null");
        assertThat(errors.get("spinning")).isNotEmpty().allSatisfy(e -> assertThat(e).contains("timed out after 5 s"));
        assertThat(errors.get("heap-hoarder")).isNotEmpty().allSatisfy(e -> assertThat(e).contains("the worker JVM stopped while running this cell"));
        assertThat(errors.get("exits-zero")).isNotEmpty().allSatisfy(e -> assertThat(e).contains("the worker JVM stopped while running this cell"));
        Map<String, Object> where = (Map<String, Object>) ((Map<String, Object>) results.get("provenance")).get("run");
        assertThat((Map<String, Object>) where.get("plugins_where")).containsEntry("hostile", "worker JVMs").containsEntry("probe-fixture", "this JVM");
        assertThat((String) where.get("executor")).contains("this JVM").contains("worker JVMs");
    }

    @Test
    void theHotSwapDrillOfAnUntrustedPluginRunsInAJvmOfItsOwn() throws Exception {
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        TestPluginJars.of(plugins, "exits-zero", MisbehavingProbes.ExitingZero.class);

        ChildCli.Ended drill = ChildCli.run(tmp, "hotswap-check", "exits-zero", "--swaps", "2", "--plugins", plugins.toString(),
                "--trust-file", tmp.resolve("trust.json").toString());

        assertThat(drill.code()).as(drill.output()).isEqualTo(3);
        assertThat(drill.output()).contains("exits-zero 1.0.0 is not on your trust list, so the drill runs in a JVM of its own")
                .contains("plugin 'exits-zero' 1.0.0 (dev.plugbench.host.MisbehavingProbes$ExitingZero.measure) called System.exit")
                .contains("the drill's JVM ended with status " + ExitGuard.STATUS);
    }
}
