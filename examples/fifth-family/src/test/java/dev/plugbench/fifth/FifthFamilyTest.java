package dev.plugbench.fifth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugbench.api.bench.CellResult;
import dev.plugbench.host.DrillReport;
import dev.plugbench.host.HotswapDrill;
import dev.plugbench.host.Plugbench;
import dev.plugbench.host.RegisteredMethod;
import dev.plugbench.host.Source;
import dev.plugbench.harness.Harness;
import dev.plugbench.harness.RunSpec;
import dev.plugbench.harness.TaskResult;
import dev.plugbench.host.TestPluginJars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A family the host has never heard of, defined in these test sources only (extension point
 * {@link VectorNorm}, descriptor {@link NormFamily}, task {@link NormTask}, method {@link PNorm} packaged
 * here as a PF4J plugin jar): it loads, hot-swaps, passes the drill and runs in the harness, with
 * no host, harness or CLI file naming it: this module is the whole family.
 */
class FifthFamilyTest {
    @Test
    void aFamilyDefinedOutsideTheHostLoadsHotSwapsAndRuns(@TempDir Path dir) throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        TestPluginJars.of(plugins, "norm-plugin", PNorm.class);
        try (Plugbench host = Plugbench.builder().pluginsDir(plugins).discoverClasspath(false).build()) {
            assertThat(host.problems()).isEmpty();
            List<RegisteredMethod<VectorNorm>> methods = host.methods(VectorNorm.class);
            assertThat(methods).extracting(RegisteredMethod::id).containsExactly("p-norm");
            assertThat(methods.get(0).source()).isEqualTo(Source.PF4J);
            assertThat(methods.get(0).family()).isEqualTo("norm");
            // loaded by the plugin's own class loader, not the test class path's copy
            assertThat(host.plugins()).extracting(p -> p.id()).contains("norm-plugin");

            DrillReport drill = new HotswapDrill(host).run("norm-plugin", 5, 2);
            assertThat(drill.failures()).isEmpty();
            assertThat(drill.failedCalls()).isZero();
            assertThat(drill.leakedClassLoaders()).isZero();
            assertThat(drill.calls()).isPositive();

            List<TaskResult> results = new Harness(host).run(RunSpec.of("norm", dir.resolve("out")).withQuick(true).withSeeds(2));
            assertThat(results).hasSize(1);
            TaskResult r = results.get(0);
            assertThat(r.task()).isEqualTo("known-norms");
            assertThat(r.rows()).hasSize(2).noneMatch(CellResult::failed);
            assertThat(r.rows()).allSatisfy(c -> assertThat(c.metrics().get("max_abs_error")).isLessThan(1e-12));
            assertThat(dir.resolve("out/known-norms/results.json")).exists();
        }
    }

    @Test
    void theBenchCommandRunsTheFifthFamily(@TempDir Path dir) throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        TestPluginJars.of(plugins, "norm-plugin", PNorm.class);
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        int code = dev.plugbench.cli.Main.execute(new String[] {"bench", "norm", "--quick", "--seeds", "2", "--plugins", plugins.toString(),
                "--out", dir.resolve("out").toString()}, new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true));
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("norm / known-norms (quick)").contains("p-norm").contains("(2 cells, 0 failed");
    }

    @Test
    void thePluginsCommandListsTheFifthFamily(@TempDir Path dir) throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        TestPluginJars.of(plugins, "norm-plugin", PNorm.class);
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        int code = dev.plugbench.cli.Main.execute(new String[] {"plugins", "--json", "--plugins", plugins.toString()},
                new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true));
        assertThat(code).as(err.toString()).isZero();
        com.fasterxml.jackson.databind.JsonNode listed = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toString());
        assertThat(listed).singleElement().satisfies(m -> {
            assertThat(m.get("family").asText()).isEqualTo("norm");
            assertThat(m.get("id").asText()).isEqualTo("p-norm");
            assertThat(m.get("plugin").asText()).isEqualTo("norm-plugin");
        });
        assertThat(err.toString()).as("no problem: the host knows the family from this module's descriptor").isEmpty();
    }
}
