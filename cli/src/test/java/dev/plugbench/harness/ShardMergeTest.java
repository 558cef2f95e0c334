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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --shard I/N} and {@code merge}: three shards merged equal one run, cell by cell; mismatched or missing shards are refused. */
class ShardMergeTest {
    @TempDir
    Path tmp;

    private RunSpec spec(String out, int seeds) {
        return RunSpec.of("spectral", tmp.resolve(out)).withTask("eigen-estimate").withSeeds(seeds).withMethods(List.of("steady", "sharp", "restarted"))
                .withCellTimeout(Duration.ofSeconds(60));
    }

    private Path plugins(String name, Class<?>... probes) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        TestPluginJars.of(dir, "estimators", probes);
        return dir;
    }

    private List<TaskResult> run(Path plugins, RunSpec spec) throws IOException {
        try (Plugbench host = Plugbench.builder().pluginsDir(plugins).build()) {
            return new Harness(host, RunComparisonTest.taskLoaderIn(tmp)).run(spec);
        }
    }

    @Test
    void threeShardsMergedEqualOneRun() throws IOException {
        Path plugins = plugins("plugins", EigenEstimateProbes.Steady.class, EigenEstimateProbes.Sharp.class, EigenEstimateProbes.Restarted.class);
        TaskResult whole = run(plugins, spec("whole", 4)).get(0);
        int total = 0;
        for (int i = 1; i <= 3; i++) {
            TaskResult part = run(plugins, spec("shard" + i, 4).withShard(new Shard(i, 3))).get(0);
            assertThat(part.rows()).hasSizeLessThan(whole.rows().size());
            total += part.rows().size();
        }
        assertThat(total).isEqualTo(whole.rows().size());
        ShardMerge.merge(List.of(tmp.resolve("shard2"), tmp.resolve("shard1"), tmp.resolve("shard3")), tmp.resolve("merged"), StatisticsOptions.DEFAULT);
        TaskResult merged = Json.taskResult(tmp.resolve("merged/eigen-estimate/results.json"), (f, t) -> null);
        assertThat(merged.rows()).hasSameSizeAs(whole.rows());
        for (int i = 0; i < whole.rows().size(); i++) {
            CellResult a = whole.rows().get(i);
            CellResult b = merged.rows().get(i);
            assertThat(List.of(b.method(), b.params(), b.setting(), b.seed(), b.metrics())).isEqualTo(List.of(a.method(), a.params(), a.setting(),
                    a.seed(), a.metrics()));
        }
        assertThat(merged.summary()).isEqualTo(whole.summary());
        assertThat(tmp.resolve("merged/eigen-estimate/report.html")).exists();
        assertThat(tmp.resolve("merged/index.html")).exists();
        // the merged folder resumes like a whole run: every cell is read back
        TaskResult resumed = run(plugins, spec("merged", 4).withResume(true)).get(0);
        assertThat(resumed.rows()).extracting(CellResult::metrics).isEqualTo(whole.rows().stream().map(CellResult::metrics).toList());
    }

    @Test
    void mismatchedOrMissingShardsAreRefused() throws IOException {
        Path v1 = plugins("v1", EigenEstimateProbes.Steady.class, EigenEstimateProbes.Sharp.class, EigenEstimateProbes.Restarted.class);
        Path v2 = plugins("v2", EigenEstimateProbes.Steady.class, EigenEstimateProbes.SharpRegressed.class, EigenEstimateProbes.Restarted.class);
        run(v1, spec("a1", 2).withShard(new Shard(1, 2)));
        run(v2, spec("a2", 2).withShard(new Shard(2, 2)));
        run(v1, spec("b2", 3).withShard(new Shard(2, 2)));
        assertThatThrownBy(() -> ShardMerge.merge(List.of(tmp.resolve("a1"), tmp.resolve("a2")), tmp.resolve("m1"), StatisticsOptions.DEFAULT))
                .hasMessageContaining("cannot merge task eigen-estimate").hasMessageContaining("provenance plugins differs");
        assertThatThrownBy(() -> ShardMerge.merge(List.of(tmp.resolve("a1"), tmp.resolve("b2")), tmp.resolve("m2"), StatisticsOptions.DEFAULT))
                .hasMessageContaining("seeds differs: [0, 1]").hasMessageContaining("[0, 1, 2]");
        assertThatThrownBy(() -> ShardMerge.merge(List.of(tmp.resolve("a1"), tmp.resolve("a1")), tmp.resolve("m3"), StatisticsOptions.DEFAULT))
                .hasMessageContaining("shard 1/2 is given twice");
        run(v1, spec("c1", 2).withShard(new Shard(1, 3)));
        run(v1, spec("c2", 2).withShard(new Shard(2, 3)));
        StringWriter err = new StringWriter();
        int code = Main.execute(new String[] {"merge", "--out", tmp.resolve("m4").toString(), tmp.resolve("c1").toString(), tmp.resolve("c2").toString()},
                new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("shard 3/3 of task eigen-estimate is missing");
        assertThat(tmp.resolve("m1")).doesNotExist();
    }
}
