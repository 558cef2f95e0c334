package dev.plugbench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugbench.host.TestPluginJars;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plugbench.host.Plugbench;
import dev.plugbench.host.Problem;
import dev.plugbench.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmark tasks loaded from plugin files: {@code bench} runs a task that only a plugin jar provides,
 * and a task whose family and name another source already has is refused with a problem, as a
 * duplicate method is.
 */
class TaskPluginTest {
    @TempDir
    Path tmp;

    @Test
    void benchRunsATaskFromAPluginJar() throws IOException {
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        TestPluginJars.of(plugins, "eigen-task", EigenEstimateTask.class, EigenEstimateProbes.Steady.class);
        try (Plugbench host = Plugbench.builder().pluginsDir(plugins).build()) {
            assertThat(host.problems()).isEmpty();
            assertThat(host.pluginTasks()).singleElement().satisfies(t -> {
                assertThat(t.key()).isEqualTo("spectral/eigen-estimate");
                assertThat(t.pluginId()).isEqualTo("eigen-task");
                // the task's class comes from the plugin's class loader, not the host's
                assertThat(t.task().getClass().getClassLoader()).isNotSameAs(TaskPluginTest.class.getClassLoader());
            });
        }
        Path out = tmp.resolve("out");
        StringWriter stdout = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new String[] {"bench", "spectral", "--task", "eigen-estimate", "--methods", "steady", "--seeds", "2", "--plugins",
                plugins.toString(), "--out", out.toString()}, new PrintWriter(stdout), new PrintWriter(err));
        assertThat(code).as(err.toString()).isZero();
        assertThat(stdout.toString()).contains("spectral / eigen-estimate").contains("| steady |");
        JsonNode results = new ObjectMapper().readTree(out.resolve("eigen-estimate/results.json").toFile());
        assertThat(results.get("rows")).hasSize(2).allSatisfy(r -> assertThat(r.get("metrics").get("relative_error").asDouble()).isLessThan(1e-3));
        assertThat(Files.readString(out.resolve("index.html"))).contains("eigen-estimate/report.html");
    }

    @Test
    void aTaskAnotherSourceProvidesIsRefused() throws IOException {
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        // digits-drift is on the host's class path (the tests' META-INF/services); a plugin may not take its name
        TestPluginJars.of(plugins, "a-copy", DigitsDriftTask.class);
        TestPluginJars.of(plugins, "b-eigen", EigenEstimateTask.class);
        TestPluginJars.of(plugins, "c-eigen-again", EigenEstimateTask.class, EigenEstimateProbes.Steady.class);
        try (Plugbench host = Plugbench.builder().pluginsDir(plugins).build()) {
            assertThat(host.pluginTasks()).extracting(t -> t.pluginId() + ":" + t.key()).containsExactly("b-eigen:spectral/eigen-estimate");
            assertThat(host.problems()).filteredOn(p -> p.kind() == Problem.Kind.DUPLICATE_TASK).hasSize(2)
                    .anySatisfy(p -> assertThat(p.message()).contains("task 'spectral/digits-drift'").contains("the host's class path already provides it"))
                    .anySatisfy(p -> {
                        assertThat(p.subject()).isEqualTo("c-eigen-again");
                        assertThat(p.message()).contains("task 'spectral/eigen-estimate'").contains("plugin 'b-eigen' already provides it");
                    });
            // the refused plugin's method still loads: only the task is refused
            assertThat(host.allMethods()).anySatisfy(m -> assertThat(m.id()).isEqualTo("steady"));
            // unloading the first owner frees the name for a later load
            host.unloadPlugin("b-eigen");
            assertThat(host.pluginTasks()).isEmpty();
        }
    }
}
