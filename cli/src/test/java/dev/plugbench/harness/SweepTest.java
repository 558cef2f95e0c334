package dev.plugbench.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugbench.host.TestPluginJars;
import dev.plugbench.api.bench.CellResult;
import dev.plugbench.host.Plugbench;
import dev.plugbench.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sweeps from the command line and from a file: crossed with the task's sweep, checked against each method's parameters, every problem listed at once. */
class SweepTest {
    @TempDir
    Path tmp;

    private Plugbench host() throws IOException {
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        TestPluginJars.of(plugins, "power", EigenEstimateProbes.Power.class, EigenEstimateProbes.Steady.class);
        return Plugbench.builder().pluginsDir(plugins).build();
    }

    private RunSpec spec(String out) {
        return RunSpec.of("spectral", tmp.resolve(out)).withTask("eigen-estimate").withSeeds(2).withMethods(List.of("power", "steady"))
                .withCellTimeout(Duration.ofSeconds(60));
    }

    @Test
    void commandLineValuesBecomeOneRowEach() throws IOException {
        try (Plugbench host = host()) {
            Harness h = new Harness(host, RunComparisonTest.taskLoaderIn(tmp));
            TaskResult r = h.run(spec("cli").withSweep(Sweep.parse(List.of("steps=1,30", "power:start=ones,alternating")))).get(0);
            // power: 2 steps x 2 starts; steady declares neither and keeps its defaults
            assertThat(r.summary()).extracting(s -> s.method() + " " + s.params()).containsExactlyInAnyOrder(
                    "power {steps=1, start=ones}", "power {steps=1, start=alternating}", "power {steps=30, start=ones}",
                    "power {steps=30, start=alternating}", "steady {}");
            double oneStep = r.rows().stream().filter(c -> c.method().equals("power") && c.params().equals(Map.of("steps", 1, "start", "ones")))
                    .mapToDouble(c -> c.metrics().get("relative_error")).average().orElseThrow();
            double thirty = r.rows().stream().filter(c -> c.method().equals("power") && c.params().equals(Map.of("steps", 30, "start", "ones")))
                    .mapToDouble(c -> c.metrics().get("relative_error")).average().orElseThrow();
            assertThat(oneStep).isGreaterThan(thirty * 10);
        }
    }

    @Test
    void aSweepFileWorksAndCommandLineValuesReplaceItsOwn() throws IOException {
        Path file = tmp.resolve("sweep.json");
        Files.writeString(file, "{\"power\": {\"steps\": [2, 4, 8], \"start\": \"alternating\"}}");
        Sweep sweep = Sweep.read(file).and(Sweep.parse(List.of("power:steps=3")));
        try (Plugbench host = host()) {
            TaskResult r = new Harness(host, RunComparisonTest.taskLoaderIn(tmp)).run(spec("file").withSweep(sweep).withMethods(List.of("power"))).get(0);
            assertThat(r.rows()).extracting(CellResult::params).containsOnly(Map.of("steps", 3, "start", "alternating"));
        }
    }

    @Test
    void everyProblemIsListedAtOnceBeforeAnythingRuns() throws IOException {
        try (Plugbench host = host()) {
            Harness h = new Harness(host, RunComparisonTest.taskLoaderIn(tmp));
            Sweep bad = Sweep.parse(List.of("steps=0,abc,5", "nosuch=1", "ghost:steps=2", "power:start=sideways"));
            assertThatThrownBy(() -> h.run(spec("bad").withSweep(bad))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("power: parameter 'steps' = '0': below the minimum 1.0")
                    .hasMessageContaining("power: parameter 'steps' = 'abc': cannot read 'abc' as integer")
                    .hasMessageContaining("parameter 'nosuch' is declared by no method of this run (declared: steps, start)")
                    .hasMessageContaining("no method 'ghost' in this run (its methods: power, steady)")
                    .hasMessageContaining("power: parameter 'start' = 'sideways': not one of the choices");
            assertThat(tmp.resolve("bad")).doesNotExist();
        }
        assertThatThrownBy(() -> Sweep.parse(List.of("steps", "x=1,,2"))).hasMessageContaining("--param 'steps': expected NAME=V1,V2")
                .hasMessageContaining("an empty value");
        Files.writeString(tmp.resolve("broken.json"), "{\"power\": [1, 2]");
        assertThatThrownBy(() -> Sweep.read(tmp.resolve("broken.json"))).hasMessageContaining("is not JSON");
    }

    @Test
    void theCommandLineRefusesABadSweepWithExitStatusOne() throws IOException {
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        TestPluginJars.of(plugins, "power", EigenEstimateProbes.Power.class, EigenEstimateTask.class);
        StringWriter err = new StringWriter();
        int code = Main.execute(new String[] {"bench", "spectral", "--task", "eigen-estimate", "--methods", "power", "--plugins", plugins.toString(),
                "--out", tmp.resolve("o").toString(), "--param", "steps=-3"}, new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("power: parameter 'steps' = '-3': below the minimum 1.0");
    }
}
