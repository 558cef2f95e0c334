package dev.plugbench.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugbench.host.Plugbench;
import dev.plugbench.harness.Harness;
import dev.plugbench.harness.RunSpec;
import dev.plugbench.harness.TaskResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --runner spark=local-cluster[1,1,1024]}: cells run in a separate executor JVM, in worker JVMs
 * it starts from plugin files Spark shipped to it, checked against the driver's hashes, with the
 * driver's numeric thread count pinned although the executor's environment asks for 2 threads
 * (as Spark's own OMP_NUM_THREADS of an executor's cores would). One executor JVM for the class.
 */
class SparkLocalClusterTest {
    private static final String MASTER = "local-cluster[1,1,1024]";
    @TempDir
    static Path tmp;

    @BeforeAll
    static void startCluster() throws IOException {
        // the surefire configuration points SPARK_HOME here; local-cluster needs its jars/ folder, empty is enough
        Files.createDirectories(Path.of(System.getenv("SPARK_HOME"), "jars"));
        System.setProperty("spark.executorEnv.SD_MAX_THREADS", "2");
        System.setProperty("spark.executorEnv.OMP_NUM_THREADS", "2");
        System.setProperty("spark.task.maxFailures", "1");
        // the runner's own settings (its thread pin overrides the OMP_NUM_THREADS above), in a context the tests share
        SparkContext sc = new SparkContext(SparkCellExecutor.configure(new SparkConf(), MASTER, 1));
        assertThat(sc.getConf().get("spark.executorEnv.OMP_NUM_THREADS")).isEqualTo("1");
        System.clearProperty("spark.executorEnv.SD_MAX_THREADS");
        System.clearProperty("spark.executorEnv.OMP_NUM_THREADS");
        System.clearProperty("spark.task.maxFailures");
    }

    @AfterAll
    static void stopCluster() {
        SparkContext.getOrCreate().stop();
    }

    private static Path plugins(String name) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Files.copy(Path.of(System.getProperty("plugbench.plugins", "target/plugins"), "plugins-spectral-0.1.0.jar"), dir.resolve(name + "-spectral.jar"));
        return dir;
    }

    @Test
    void cellsRunInAnExecutorJvmFromShippedPluginsWithPinnedThreadsAndGiveTheThreadRunnersRows() throws IOException {
        try (Plugbench host = Plugbench.builder().pluginsDir(plugins("shipped")).discoverClasspath(false).build()) {
            Harness harness = new Harness(host);
            RunSpec spec = RunSpec.of("spectral", tmp.resolve("threads")).withTask("two-layer").withQuick(true).withSeeds(1).withThreads(2);
            TaskResult here = harness.run(spec).get(0);
            TaskResult cluster = harness.run(spec.withOut(tmp.resolve("cluster")).withRunner("spark=" + MASTER)).get(0);
            assertThat(here.rows().stream().filter(c -> !c.failed())).hasSizeGreaterThan(10);
            assertThat(Rows.byCell(cluster)).isEqualTo(Rows.byCell(here));
            @SuppressWarnings("unchecked")
            Map<String, Object> run = (Map<String, Object>) cluster.provenance().get("run");
            assertThat(run).containsEntry("spark_master", MASTER).containsEntry("spark_executors", 1).containsEntry("worker_numeric_threads", 1);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> cells = (List<Map<String, Object>>) run.get("cells");
            assertThat(cells).hasSize(here.rows().size()).allSatisfy(c -> assertThat(c.get("executor")).isEqualTo("0")); // not the driver
        }
    }

    @Test
    void aPluginFileThatChangedAfterPlanningIsRefusedOnTheExecutor() throws IOException {
        Path dir = plugins("changed");
        try (Plugbench host = Plugbench.builder().pluginsDir(dir).discoverClasspath(false).build()) {
            // the file the host loaded is replaced by other bytes before the run ships it
            Path file = dir.resolve("changed-spectral.jar");
            Files.copy(Path.of(System.getProperty("plugbench.plugins", "target/plugins"), "plugins-lwa-0.1.0.jar"), file,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            RunSpec spec = RunSpec.of("spectral", tmp.resolve("refused")).withTask("two-layer").withQuick(true).withSeeds(1)
                    .withMethods(List.of("weight-esd")).withRunner("spark=" + MASTER);
            assertThatThrownBy(() -> new Harness(host).run(spec)).hasMessageContaining("the Spark job failed")
                    .hasMessageContaining("could not build its host").hasMessageContaining("changed-spectral.jar has SHA-256")
                    .hasMessageContaining("the run was planned with");
        }
    }
}
