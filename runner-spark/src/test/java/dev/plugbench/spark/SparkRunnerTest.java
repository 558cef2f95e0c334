package dev.plugbench.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugbench.api.bench.CellResult;
import dev.plugbench.host.Plugbench;
import dev.plugbench.harness.Harness;
import dev.plugbench.harness.ProgressListener;
import dev.plugbench.harness.RunSpec;
import dev.plugbench.harness.TaskResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --runner spark=local[2]}: the quick runs give the thread runner's rows bit for bit, and a run
 * interrupted on Spark and resumed equals an uninterrupted one. One local[2] context for the class
 * (the runner uses a running context of the same master and leaves it running).
 */
class SparkRunnerTest {
    private static SparkContext sc;
    @TempDir
    Path tmp;

    @BeforeAll
    static void startSpark() {
        sc = new SparkContext(new SparkConf().setMaster("local[2]").setAppName("plugbench tests").set("spark.ui.enabled", "false"));
    }

    @AfterAll
    static void stopSpark() {
        sc.stop();
    }

    static Plugbench host() {
        return Plugbench.builder().pluginsDir(Path.of(System.getProperty("plugbench.plugins", "target/plugins"))).discoverClasspath(false).build();
    }

    @Test
    void quickSpectralAndLwaRunsOnSparkGiveTheThreadRunnersRows() {
        try (Plugbench host = host()) {
            Harness harness = new Harness(host);
            for (String family : List.of("spectral", "lwa")) {
                RunSpec threads = RunSpec.of(family, tmp.resolve("threads-" + family)).withQuick(true).withSeeds(1).withThreads(2);
                // one task a family, and two of lwa's methods (a baseline and L2H), keep the suite short: the runner is the
                // same code for every task and method
                threads = family.equals("lwa") ? threads.withTask("digits-binary").withMethods(List.of("confidence", "l2h-joint"))
                        : threads.withTask("two-layer");
                List<TaskResult> here = harness.run(threads);
                List<TaskResult> spark = harness.run(threads.withOut(tmp.resolve("spark-" + family)).withRunner("spark=local[2]"));
                assertThat(spark).hasSameSizeAs(here);
                for (int t = 0; t < here.size(); t++) {
                    assertThat(here.get(t).rows()).isNotEmpty();
                    assertThat(here.get(t).rows().stream().filter(c -> !c.failed())).isNotEmpty();
                    assertThat(Rows.byCell(spark.get(t))).as(family + "/" + here.get(t).task()).isEqualTo(Rows.byCell(here.get(t)));
                    @SuppressWarnings("unchecked")
                    Map<String, Object> run = (Map<String, Object>) spark.get(t).provenance().get("run");
                    assertThat(run).containsEntry("executor", "spark").containsEntry("spark_master", "local[2]").containsEntry("spark_executors", 1);
                    @SuppressWarnings("unchecked")
                    List<Map<String, Object>> cells = (List<Map<String, Object>>) run.get("cells");
                    assertThat(cells).hasSize(here.get(t).rows().size())
                            .allSatisfy(c -> assertThat(c).containsEntry("executor", "driver").containsKeys("method", "seed", "host", "task_seconds", "cell_seconds"));
                }
            }
        }
    }

    @Test
    void aSparkRunInterruptedAndResumedEqualsAnUninterruptedOne() {
        try (Plugbench host = host()) {
            Harness harness = new Harness(host);
            RunSpec spec = RunSpec.of("spectral", tmp.resolve("whole")).withTask("two-layer").withQuick(true).withSeeds(3)
                    .withMethods(List.of("weight-esd")).withRunner("spark=local[2]");
            TaskResult whole = harness.run(spec).get(0);
            AtomicInteger finished = new AtomicInteger();
            ProgressListener stopAfterFive = new ProgressListener() {
                @Override
                public void cellFinished(String task, CellResult cell) {
                    if (finished.incrementAndGet() == 5) {
                        throw new IllegalStateException("the driver stops here");
                    }
                }
            };
            RunSpec interrupted = spec.withOut(tmp.resolve("interrupted"));
            assertThatThrownBy(() -> harness.run(interrupted, stopAfterFive)).hasMessageContaining("the driver stops here");
            AtomicInteger rerun = new AtomicInteger();
            AtomicInteger readBack = new AtomicInteger();
            TaskResult resumed = harness.run(interrupted.withResume(true), new ProgressListener() {
                @Override
                public void taskStarted(String task, int total, int alreadyDone) {
                    readBack.set(alreadyDone);
                }

                @Override
                public void cellFinished(String task, CellResult cell) {
                    rerun.incrementAndGet();
                }
            }).get(0);
            assertThat(readBack.get()).isEqualTo(5); // the cells finished before the stop were saved as they came
            assertThat(rerun.get()).isEqualTo(whole.rows().size() - 5);
            assertThat(Rows.byCell(resumed)).isEqualTo(Rows.byCell(whole));
            assertThat(resumed.summary()).isEqualTo(whole.summary());
        }
    }

    @Test
    void aMethodThatExitsTheJvmFailsOnlyItsOwnCellsAndTheDriverGoesOn() throws java.io.IOException {
        Path dir = java.nio.file.Files.createDirectories(tmp.resolve("hostile"));
        java.nio.file.Files.copy(Path.of(System.getProperty("plugbench.plugins", "target/plugins"), "plugins-spectral-0.1.0.jar"),
                dir.resolve("plugins-spectral-0.1.0.jar"));
        dev.plugbench.host.TestPluginJars.of(dir, "misbehaving", dev.plugbench.host.MisbehavingProbes.Exiting.class);
        try (Plugbench host = Plugbench.builder().pluginsDir(dir).discoverClasspath(false).build()) {
            RunSpec spec = RunSpec.of("spectral", tmp.resolve("exiting")).withTask("two-layer").withQuick(true).withSeeds(1)
                    .withMethods(List.of("exiting", "weight-esd")).withRunner("spark=local[2]");
            TaskResult r = new Harness(host).run(spec).get(0);
            assertThat(r.rows()).filteredOn(c -> c.method().equals("exiting")).isNotEmpty()
                    .allSatisfy(c -> assertThat(c.error()).contains("the worker JVM stopped while running this cell").contains("status 3"));
            assertThat(r.rows()).filteredOn(c -> c.method().equals("weight-esd")).isNotEmpty().allSatisfy(c -> assertThat(c.failed()).isFalse());
            assertThat(host.allMethods()).hasSize(8); // the driver, which ran Spark's tasks in local mode, is still there
        }
    }

    @Test
    void aContextOfAnotherMasterOrAMissingRunnerIsRefusedWithTheFix() {
        try (Plugbench host = host()) {
            Harness harness = new Harness(host);
            RunSpec spec = RunSpec.of("spectral", tmp.resolve("other")).withTask("two-layer").withQuick(true).withSeeds(1);
            assertThatThrownBy(() -> harness.run(spec.withRunner("spark=local[3]")))
                    .hasMessageContaining("a SparkContext with master local[2] already runs in this JVM").hasMessageContaining("ask for spark=local[2]");
            assertThatThrownBy(() -> harness.run(spec.withRunner("ray=auto"))).hasMessageContaining("no runner 'ray' on the class path")
                    .hasMessageContaining("runners here: [spark]");
        }
    }
}
