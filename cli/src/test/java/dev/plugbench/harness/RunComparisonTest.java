package dev.plugbench.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugbench.host.TestPluginJars;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plugbench.host.Plugbench;
import dev.plugbench.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code compare} on two real runs of a plugin's version 1 and version 2 (10 seeds each): the unchanged
 * probe is identical, the one that only changed its start vector is within noise, the planted
 * regression is worse, and the gate fails on it alone.
 */
class RunComparisonTest {
    @TempDir
    static Path tmp;

    private static Path v1;
    private static Path v2;

    @BeforeAll
    static void runBothVersions() throws IOException {
        v1 = run("1.0.0", EigenEstimateProbes.Steady.class, EigenEstimateProbes.Restarted.class, EigenEstimateProbes.Sharp.class);
        v2 = run("2.0.0", EigenEstimateProbes.Steady.class, EigenEstimateProbes.RestartedV2.class, EigenEstimateProbes.SharpRegressed.class);
    }

    private static Path run(String version, Class<?>... probes) throws IOException {
        Path plugins = Files.createDirectories(tmp.resolve("plugins-" + version));
        TestPluginJars.of(plugins, "estimators", "plugin.version=" + version + "\n", probes);
        Path out = tmp.resolve("run-" + version);
        try (Plugbench host = Plugbench.builder().pluginsDir(plugins).build()) {
            new Harness(host, taskLoader()).run(RunSpec.of("spectral", out).withTask("eigen-estimate").withSeeds(10).withThreads(2)
                    .withMethods(List.of("steady", "restarted", "sharp")).withCellTimeout(Duration.ofSeconds(60)));
        }
        return out;
    }

    static ClassLoader taskLoader() throws IOException {
        return taskLoaderIn(tmp);
    }

    /** A loader whose only benchmark task is {@link EigenEstimateTask} (its service file under {@code dir}). */
    static ClassLoader taskLoaderIn(Path dir) throws IOException {
        Path services = Files.createDirectories(dir.resolve("tasks/META-INF/services"));
        Files.writeString(services.resolve(dev.plugbench.api.bench.BenchTask.class.getName()), EigenEstimateTask.class.getName() + "\n");
        return new URLClassLoader(new URL[] {dir.resolve("tasks").toUri().toURL()}, null) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                return RunComparisonTest.class.getClassLoader().loadClass(name);
            }
        };
    }

    private static Map<String, RunComparison.Row> byMethod(RunComparison c, String metric) {
        return c.rows().stream().filter(r -> r.metric().name().equals(metric)).collect(Collectors.toMap(RunComparison.Row::method, r -> r));
    }

    @Test
    void flagsThePlantedRegressionAndCallsTheOthersIdenticalOrWithinNoise() {
        RunComparison c = RunComparison.of(v1, v2, StatisticsOptions.DEFAULT);
        Map<String, RunComparison.Row> rows = byMethod(c, "relative_error");
        assertThat(rows.get("steady").verdict()).isEqualTo(RunComparison.Verdict.IDENTICAL);
        assertThat(rows.get("restarted").verdict()).isEqualTo(RunComparison.Verdict.WITHIN_NOISE);
        assertThat(rows.get("restarted").difference().n()).isEqualTo(10);
        assertThat(rows.get("restarted").meanB()).isNotEqualTo(rows.get("restarted").meanA());
        assertThat(rows.get("sharp").verdict()).isEqualTo(RunComparison.Verdict.WORSE);
        assertThat(rows.get("sharp").adjustedP()).isLessThan(0.05);
        assertThat(rows.get("sharp").versionA()).isEqualTo("1.0.0");
        assertThat(rows.get("sharp").versionB()).isEqualTo("2.0.0");
        assertThat(c.regressions(Optional.empty())).extracting(RunComparison.Row::method).containsExactly("sharp");
        // watch mode shows the reloaded plugin's methods only
        assertThat(c.only(java.util.Set.of("restarted")).rows()).isNotEmpty().allMatch(r -> r.method().equals("restarted"));
        // the exact eigenvalue is the same data in both runs: descriptive and identical
        assertThat(byMethod(c, "top_eigenvalue").values()).allMatch(r -> r.verdict() == RunComparison.Verdict.IDENTICAL);
        assertThat(c.markdown()).contains("| relative_error | sharp | default | 1.0.0 -> 2.0.0 | 10 |").contains("| **worse** |")
                .contains("| within noise |");
    }

    @Test
    void theGateExitsFiveOnARegressionAndZeroWithout() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new String[] {"compare", v1.toString(), v2.toString(), "--fail-on", "regression"}, new PrintWriter(out), new PrintWriter(err));
        assertThat(code).isEqualTo(5);
        assertThat(err.toString()).contains("1 significant regression(s)").contains("spectral/eigen-estimate sharp [default] relative_error");
        assertThat(Main.execute(new String[] {"compare", v1.toString(), v1.toString(), "--fail-on", "regression"}, new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()))).isZero();
        StringWriter bad = new StringWriter();
        assertThat(Main.execute(new String[] {"compare", v1.toString(), v2.toString(), "--fail-on", "regression:top_eigenvalue"},
                new PrintWriter(new StringWriter()), new PrintWriter(bad))).isEqualTo(1);
        assertThat(bad.toString()).contains("metric 'top_eigenvalue' is descriptive");
        StringWriter missing = new StringWriter();
        assertThat(Main.execute(new String[] {"compare", v1.toString(), tmp.resolve("nowhere").toString()}, new PrintWriter(new StringWriter()),
                new PrintWriter(missing))).isEqualTo(1);
        assertThat(missing.toString()).contains("nowhere does not exist");
    }

    /** The run's results.json as schema 1 wrote it (no description, metrics, method_metrics, statistics). */
    private static Path versionOne(Path run, String name) throws IOException {
        Path old = Files.createDirectories(tmp.resolve(name + "/eigen-estimate"));
        ObjectMapper json = new ObjectMapper();
        ObjectNode results = (ObjectNode) json.readTree(run.resolve("eigen-estimate/results.json").toFile());
        results.put("schema", "plugbench.results/1");
        results.remove(List.of("description", "metrics", "method_metrics", "statistics"));
        json.writeValue(old.resolve("results.json").toFile(), results);
        return old.getParent();
    }

    @Test
    void readsVersionOneResultsFiles() throws IOException {
        Path oldA = versionOne(v1, "schema1-a");
        Path oldB = versionOne(v2, "schema1-b");
        // the task is not on the host's classpath: its metrics' directions are unknown, every metric descriptive, no gate
        RunComparison c = RunComparison.of(oldA, oldB, StatisticsOptions.DEFAULT);
        assertThat(byMethod(c, "relative_error").get("sharp").metric().ranked()).isFalse();
        assertThat(byMethod(c, "relative_error").get("sharp").verdict()).isEqualTo(RunComparison.Verdict.HIGHER);
        assertThat(c.regressions(Optional.empty())).isEmpty();
        // with the task known (as for the host's own tasks), the directions come from it; a version-1 file against a version-2 one works too
        RunComparison known = RunComparison.of(oldA, oldB, StatisticsOptions.DEFAULT, (f, t) -> new EigenEstimateTask().metrics());
        assertThat(byMethod(known, "relative_error").get("sharp").verdict()).isEqualTo(RunComparison.Verdict.WORSE);
        assertThat(byMethod(RunComparison.of(oldA, v2, StatisticsOptions.DEFAULT), "relative_error").get("sharp").verdict())
                .isEqualTo(RunComparison.Verdict.WORSE);
        Files.writeString(oldA.resolve("eigen-estimate/results.json"), "{\"schema\": \"something/else\"}");
        assertThatThrownBy(() -> RunComparison.of(oldA, v2, StatisticsOptions.DEFAULT)).hasMessageContaining("is not a Plugbench results file");
    }
}
