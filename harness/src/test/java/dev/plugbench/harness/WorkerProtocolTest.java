package dev.plugbench.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugbench.host.MisbehavingProbes;
import dev.plugbench.host.TestPluginJars;
import dev.plugbench.api.bench.BenchTask;
import dev.plugbench.api.bench.CellResult;
import dev.plugbench.host.ContentHash;
import dev.plugbench.host.Plugbench;
import dev.plugbench.host.TestPluginsAccess;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker protocol: cells run in child JVMs that rebuild the host from plugin files verified by hash. */
class WorkerProtocolTest {
    @TempDir
    Path tmp;

    /** A plugins folder with the fixture plugin (frobenius) and the product spectral plugin. */
    private Path plugins() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("plugins"));
        Files.copy(TestPluginsAccess.v1(), dir.resolve("fixture.jar"));
        Path productPlugins = Path.of(System.getProperty("plugbench.plugins", "target/plugins"));
        Files.copy(productPlugins.resolve("plugins-spectral-0.1.0.jar"), dir.resolve("plugins-spectral-0.1.0.jar"));
        return dir;
    }

    private static Map<String, String> byCell(TaskResult r) {
        return r.rows().stream().collect(Collectors.toMap(c -> c.method() + "/" + c.setting() + "/" + c.seed(),
                c -> c.failed() ? "error: " + c.error() : c.metrics().toString()));
    }

    @Test
    @SuppressWarnings("unchecked")
    void overlappingTasksShareOnePoolOfWorkersAndGiveTheInProcessRows() throws IOException {
        try (Plugbench host = Plugbench.builder().pluginsDir(plugins()).discoverClasspath(false).build()) {
            Harness h = new Harness(host);
            RunSpec a = RunSpec.of("spectral", tmp.resolve("a")).withTask("digits-drift").withQuick(true).withSeeds(2);
            RunSpec b = a.withOut(tmp.resolve("b")).withSeeds(3);
            List<TaskResult> here = h.run(List.of(a.withOut(tmp.resolve("a-here")), b.withOut(tmp.resolve("b-here"))), ProgressListener.NONE);
            // two tasks in flight on a pool of 2: each task's cells go to one worker of it
            List<TaskResult> workers = h.run(List.of(a.withWorkers(2), b.withWorkers(2)), ProgressListener.NONE);
            assertThat(workers).hasSize(2);
            assertThat(here.get(0).rows()).hasSize(16);
            // the probes that measure snapshots succeed; the kernel probes refuse (this task gives no model): both kinds of row must match
            assertThat(here.get(0).rows().stream().filter(c -> !c.failed()).count()).isGreaterThanOrEqualTo(4);
            assertThat(here.get(0).rows().stream().filter(CellResult::failed).count()).isGreaterThanOrEqualTo(4);
            for (int i = 0; i < 2; i++) {
                assertThat(byCell(workers.get(i))).isEqualTo(byCell(here.get(i)));
                assertThat(workers.get(i).summary()).isEqualTo(here.get(i).summary());
                Map<String, Object> run = (Map<String, Object>) workers.get(i).provenance().get("run");
                assertThat(run.get("executor")).isEqualTo("2 worker JVMs");
                assertThat(((Number) run.get("worker_jvms_started")).intValue()).as("one pool for the run, both started with it").isEqualTo(2);
            }
            assertThat(liveChildren()).as("the pool ended its workers").isZero();
            // every cell read back: the workers started with the pool are ended, also those still starting
            List<TaskResult> resumed = h.run(List.of(a.withWorkers(2).withResume(true), b.withWorkers(2).withResume(true)), ProgressListener.NONE);
            assertThat(byCell(resumed.get(1))).isEqualTo(byCell(here.get(1)));
            assertThat(liveChildren()).as("no worker left running after a run that needed none").isZero();
        }
    }

    /** This JVM's child processes still alive after up to 10 s. */
    private static long liveChildren() {
        long deadline = System.nanoTime() + 10_000_000_000L;
        long alive;
        while ((alive = ProcessHandle.current().children().filter(ProcessHandle::isAlive).count()) > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return alive;
    }

    @Test
    void aMethodThatHoardsHeapOrOffHeapMemoryFailsOnlyItsOwnCell() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("hoarders"));
        Files.copy(TestPluginsAccess.v1(), dir.resolve("fixture.jar"));
        TestPluginJars.of(dir, "hoarders", MisbehavingProbes.HeapHoarder.class, MisbehavingProbes.OffHeapHoarder.class);
        try (Plugbench host = Plugbench.builder().pluginsDir(dir).discoverClasspath(false).build()) {
            RunSpec spec = RunSpec.of("spectral", tmp.resolve("out")).withTask("digits-drift").withQuick(true).withSeeds(1).withWorkers(1)
                    .withWorkerMemory(new RunSpec.WorkerMemory(256, 256)).withCellTimeout(java.time.Duration.ofSeconds(60));
            TaskResult r = new Harness(host).run(spec).get(0);
            Map<String, CellResult> byMethod = r.rows().stream().collect(Collectors.toMap(CellResult::method, c -> c));
            // the heap hoarder ends its worker (-XX:+ExitOnOutOfMemoryError); the off-heap one is refused by the cap
            assertThat(byMethod.get("heap-hoarder").error()).contains("the worker JVM stopped while running this cell").contains("out of memory");
            // ND4J's arrays are native memory: the parent ends the worker once its resident size passes the caps (or JavaCPP's
            // own off-heap count refuses first): either way the cell fails as out of memory
            assertThat(byMethod.get("off-heap-hoarder").error()).startsWith("OutOfMemory");
            assertThat(byMethod.get("frobenius").failed()).isFalse();
            @SuppressWarnings("unchecked")
            Map<String, Object> run = (Map<String, Object>) r.provenance().get("run");
            assertThat(run).containsEntry("worker_heap_mb", 256).containsEntry("worker_off_heap_mb", 256);
        }
    }

    @Test
    void aMethodThatExitsTheJvmOrSpinsForeverFailsOnlyItsOwnCell() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("hostile"));
        Files.copy(TestPluginsAccess.v1(), dir.resolve("fixture.jar"));
        TestPluginJars.of(dir, "misbehaving", MisbehavingProbes.Exiting.class, MisbehavingProbes.Spinning.class);
        try (Plugbench host = Plugbench.builder().pluginsDir(dir).discoverClasspath(false).build()) {
            assertThat(host.problems()).isEmpty();
            RunSpec spec = RunSpec.of("spectral", tmp.resolve("out")).withTask("digits-drift").withQuick(true).withSeeds(1).withWorkers(1)
                    .withCellTimeout(java.time.Duration.ofSeconds(3));
            TaskResult r = new Harness(host).run(spec).get(0);
            Map<String, CellResult> byMethod = r.rows().stream().collect(Collectors.toMap(CellResult::method, c -> c));
            assertThat(byMethod.get("exiting").error()).contains("the worker JVM stopped while running this cell").contains("status 3");
            assertThat(byMethod.get("spinning").error()).contains("timed out after 3 s");
            // the cell after the exit ran in a fresh worker, and the host survived both
            assertThat(byMethod.get("frobenius").failed()).isFalse();
            assertThat(byMethod.get("frobenius").metrics()).containsKeys("train_loss", "probe_mean_log");
            assertThat(host.allMethods()).hasSize(3);
        }
    }

    /** Drives a worker in this JVM: the host message, then the given lines; returns what it wrote. */
    private static String serve(String... lines) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            Worker.serve(new BufferedReader(new StringReader(String.join("\n", lines) + "\n")), out);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String hostMessage(Path file, String sha) throws IOException {
        return Json.COMPACT.writeValueAsString(Map.of("type", "host", "plugins", List.of(Map.of("path", file.toString(), "sha256", sha)),
                "classpath_methods", false, "cell_timeout_seconds", 60));
    }

    @Test
    void aWorkerRefusesAPluginFileThatIsNotTheOneThePlanWasMadeWith() throws IOException {
        Path fixture = Files.copy(TestPluginsAccess.v1(), tmp.resolve("fixture.jar"));
        String v2 = ContentHash.of(TestPluginsAccess.v2());
        assertThatThrownBy(() -> serve(hostMessage(fixture, v2))).hasMessageContaining("has SHA-256 " + ContentHash.of(fixture))
                .hasMessageContaining("not the " + v2);
    }

    @Test
    void aWorkerFailsACellPlannedForAnotherPluginVersionAndRunsTheRightOne() throws IOException {
        Path fixture = Files.copy(TestPluginsAccess.v1(), tmp.resolve("fixture.jar"));
        CellDescription right;
        try (Plugbench host = Plugbench.builder().discoverClasspath(false).build()) {
            host.loadPlugin(fixture);
            Harness h = new Harness(host);
            RunSpec spec = RunSpec.of("spectral", tmp.resolve("plan")).withTask("digits-drift").withQuick(true).withSeeds(1);
            BenchTask<?> task = h.tasks().stream().filter(t -> t.name().equals("digits-drift")).findFirst().orElseThrow();
            right = plannedCell(host, h, spec, task);
        }
        CellDescription.Producer p = right.producer();
        CellDescription wrong = new CellDescription(right.family(), right.task(), right.scale(), right.method(), right.params(), right.setting(),
                right.seed(), new CellDescription.Producer(p.plugin(), "9.9.9", p.pluginSha256(), p.taskCodeHash(), p.datasetHash()));
        String answer = serve(hostMessage(fixture, ContentHash.of(fixture)), cellMessage(0, wrong), cellMessage(1, right),
                "{\"type\":\"end\"}");
        List<String> lines = answer.lines().filter(l -> l.startsWith(Worker.PREFIX)).toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).contains("\"type\":\"ready\"");
        CellResult refused = row(lines.get(1));
        CellResult ran = row(lines.get(2));
        assertThat(refused.error()).contains("refused: the cell was planned for").contains("9.9.9");
        assertThat(ran.failed()).isFalse();
        assertThat(ran.metrics()).containsKeys("train_loss", "probe_mean_log");
    }

    private static <M extends dev.plugbench.api.Method> CellDescription plannedCell(Plugbench host, Harness h, RunSpec spec, BenchTask<M> task) {
        var methods = host.methods(task.extensionPoint()).stream().filter(m -> m.id().equals("frobenius")).toList();
        return new Planner(new Producers(host)).cells(task, spec, methods).get(0);
    }

    private static String cellMessage(int index, CellDescription cell) throws IOException {
        return Json.COMPACT.writeValueAsString(Map.of("type", "cell", "index", index, "cell", cell.toJson()));
    }

    @SuppressWarnings("unchecked")
    private static CellResult row(String line) throws IOException {
        Map<String, Object> m = Worker.read(line.substring(Worker.PREFIX.length()));
        return Json.cell((Map<String, Object>) m.get("row"));
    }
}
