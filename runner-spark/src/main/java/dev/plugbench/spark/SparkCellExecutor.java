package dev.plugbench.spark;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plugbench.api.bench.CellResult;
import dev.plugbench.harness.CellDescription;
import dev.plugbench.harness.CellExecutor;
import dev.plugbench.harness.CellJson;
import dev.plugbench.harness.WorkerSetup;
import dev.plugbench.toolkit.NumericRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.WeakHashMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.apache.spark.SimpleFutureAction;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.rdd.RDD;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerApplicationEnd;
import scala.jdk.javaapi.CollectionConverters;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction0;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;
import scala.util.Try;

/**
 * Runs a task's cells as one Spark job, one partition (and task) per cell in the order given (the
 * harness puts the longest known cells first; Spark hands tasks out in partition order). Rows come
 * back through the job's result handler as each task ends and go to the harness at once, which
 * writes them to its cell store: a driver stopped mid-run loses only the cells still running.
 */
final class SparkCellExecutor implements CellExecutor {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Set in the configuration of a context this runner starts: how it tells its own context from one it found running. */
    private static final String MARK = "spark.plugbench.runner";
    /** Where plugin files are staged under their shipped names: one folder per JVM, so a name always maps to the same path. */
    private static final Path STAGING = staging();
    /** Contexts found running whose end closes the driver's idle workers. */
    private static final Set<SparkContext> WATCHED = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));
    private final SparkContext sc;
    private final boolean ownContext;
    private final ShippedSetup shipped;

    private SparkCellExecutor(SparkContext sc, boolean ownContext, ShippedSetup shipped) {
        this.sc = sc;
        this.ownContext = ownContext;
        this.shipped = shipped;
    }

    static SparkCellExecutor open(String master, WorkerSetup setup, int threads) {
        List<String> names = new ArrayList<>();
        List<Path> staged = new ArrayList<>();
        for (WorkerSetup.PluginFile f : setup.plugins()) {
            Path staging = stage(f);
            staged.add(staging);
            names.add(staging.getFileName().toString());
        }
        quietSparkLogs();
        SparkConf conf = new SparkConf();
        String wanted = master != null ? master : conf.contains("spark.master") ? conf.get("spark.master") : "local[" + threads + "]";
        // getOrCreate hands back a context already running in this JVM (Spark allows one a JVM); the mark tells it from a new one
        String mark = UUID.randomUUID().toString();
        SparkContext sc = SparkContext.getOrCreate(configure(conf, wanted, setup.numericThreads()).set(MARK, mark));
        boolean own = sc.getConf().get(MARK, "").equals(mark);
        if (!own && !sc.master().equals(wanted)) {
            throw new IllegalArgumentException("a SparkContext with master " + sc.master() + " already runs in this JVM; --runner spark=" + wanted
                    + " cannot start another (Spark allows one a JVM): ask for spark=" + sc.master() + ", or stop that context first");
        }
        try {
            for (Path p : staged) {
                sc.addFile(p.toString());
            }
        } catch (RuntimeException e) {
            if (own) {
                sc.stop();
            }
            throw e;
        }
        ShippedSetup shipped = ShippedSetup.of(setup, names);
        if (!own && WATCHED.add(sc)) {
            // the driver's worker JVMs (local mode) end with the context they served
            sc.addSparkListener(new SparkListener() {
                @Override
                public void onApplicationEnd(SparkListenerApplicationEnd end) {
                    NodeWorkers.closeEvery();
                }
            });
        }
        return new SparkCellExecutor(sc, own, shipped);
    }

    /** The run's Spark settings: the master, the pinned thread count on every executor, and what a local-cluster needs. */
    static SparkConf configure(SparkConf conf, String master, int numericThreads) {
        conf.setMaster(master).setAppName(conf.get("spark.app.name", "plugbench bench"));
        // Spark sets OMP_NUM_THREADS on an executor to its cores; ND4J's reductions follow it. The worker JVMs pin their own
        // threads too (WorkerProcess); this keeps whatever else runs on the executor at the driver's count as well.
        conf.set("spark.executorEnv.OMP_NUM_THREADS", Integer.toString(numericThreads));
        String blasCore = System.getProperty(NumericRuntime.CORE_PROPERTY);
        if (blasCore != null) {
            // executors pass it on to their worker JVMs (WorkerProcess)
            String options = conf.get("spark.executor.extraJavaOptions", "");
            conf.set("spark.executor.extraJavaOptions", (options + " -D" + NumericRuntime.CORE_PROPERTY + "=" + blasCore).strip());
        }
        if (!conf.contains("spark.ui.enabled")) {
            conf.set("spark.ui.enabled", "false");
        }
        if (master.startsWith("local-cluster")) {
            String home = System.getenv("SPARK_HOME");
            String scala = System.getenv("SPARK_SCALA_VERSION");
            if (home == null || !Files.isDirectory(Path.of(home, "jars")) || scala == null && !Files.isDirectory(Path.of(home, "launcher/target/scala-2.13"))) {
                throw new IllegalArgumentException("--runner spark=" + master + " starts executor JVMs the way a Spark installation does, and needs "
                        + "SPARK_HOME pointing at a folder with a jars/ subfolder and SPARK_SCALA_VERSION=2.13 (" + (home == null ? "SPARK_HOME is not set"
                        : !Files.isDirectory(Path.of(home, "jars")) ? home + "/jars is missing" : "SPARK_SCALA_VERSION is not set")
                        + "); an empty folder does: export SPARK_HOME=$(mktemp -d) SPARK_SCALA_VERSION=2.13 && mkdir $SPARK_HOME/jars "
                        + "(./plugbench does this itself)");
            }
            if (!conf.contains("spark.executor.extraClassPath")) {
                // the executors on this machine get the driver's class path: Plugbench, its libraries and Spark
                conf.set("spark.executor.extraClassPath", System.getProperty("java.class.path"));
            }
        }
        return conf;
    }

    @Override
    public Map<String, Object> execute(List<CellDescription> cells, BiConsumer<Integer, CellResult> onResult) throws InterruptedException {
        List<Map<String, Object>> placements = new ArrayList<>();
        if (cells.isEmpty()) {
            return provenance(placements);
        }
        List<String> elements = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            elements.add(i + "\t" + CellJson.cell(cells.get(i)));
        }
        RDD<String> rdd = sc.parallelize(CollectionConverters.asScala(elements).toSeq(), cells.size(), ClassTag$.MODULE$.apply(String.class));
        List<Object> partitions = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            partitions.add(i);
        }
        BlockingQueue<String> answers = new LinkedBlockingQueue<>();
        CellDescription first = cells.get(0);
        sc.setLocalProperty("spark.job.interruptOnCancel", "true");
        sc.setJobDescription("plugbench " + first.family() + "/" + first.task() + ": " + cells.size() + " cells");
        SimpleFutureAction<BoxedUnit> job = sc.submitJob(rdd, new CellTask(shipped), CollectionConverters.asScala(partitions).toList(),
                new Handler(answers), new Unit());
        int received = 0;
        try {
            while (received < cells.size()) {
                String answer = answers.poll(200, TimeUnit.MILLISECONDS);
                if (answer == null) {
                    if (job.isCompleted()) {
                        failIfFailed(job);
                        if (answers.isEmpty()) {
                            throw new IllegalStateException("the Spark job ended with " + received + " of " + cells.size() + " cells answered");
                        }
                    }
                    continue;
                }
                Map<String, Object> a = JSON.readValue(answer, new TypeReference<Map<String, Object>>() {
                });
                int index = ((Number) a.get("index")).intValue();
                CellResult row = CellJson.row((String) a.get("row"));
                Map<String, Object> where = new LinkedHashMap<>();
                where.put("method", row.method());
                where.put("params", row.params());
                where.put("setting", row.setting());
                where.put("seed", row.seed());
                where.put("executor", a.get("executor"));
                where.put("host", a.get("host"));
                where.put("task_seconds", a.get("task_seconds"));
                where.put("cell_seconds", row.seconds());
                placements.add(where);
                received++;
                onResult.accept(index, row);
            }
            failIfFailed(job);
            return provenance(placements);
        } catch (IOException e) {
            job.cancel();
            throw new UncheckedIOException("a Spark task answered something that is not a Plugbench row: " + e.getMessage(), e);
        } catch (RuntimeException | InterruptedException e) {
            job.cancel();
            throw e;
        }
    }

    private static void failIfFailed(SimpleFutureAction<BoxedUnit> job) {
        if (!job.isCompleted()) {
            return;
        }
        Try<BoxedUnit> result = job.value().get();
        if (result.isFailure()) {
            Throwable t = result.failed().get();
            Throwable root = t;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            throw new IllegalStateException("the Spark job failed: " + firstLine(t.getMessage())
                    + (root != t ? " (cause: " + root.getClass().getSimpleName() + ": " + firstLine(root.getMessage()) + ")" : ""), t);
        }
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }

    /** Where the cells ran: the master, Spark's version, the executors, the worker settings and each cell's executor and host. */
    private Map<String, Object> provenance(List<Map<String, Object>> placements) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("executor", "spark");
        p.put("spark_master", sc.master());
        p.put("spark_version", sc.version());
        // in local mode the driver is the executor (and getExecutorIds only warns that it cannot ask)
        List<String> executors = sc.isLocal() ? List.of() : CollectionConverters.asJava(sc.getExecutorIds());
        p.put("spark_executors", executors.isEmpty() ? 1 : executors.size());
        p.put("spark_executor_ids", executors.isEmpty() ? List.of("driver") : new TreeSet<>(executors));
        p.put("worker_heap_mb", shipped.heapMb());
        p.put("worker_off_heap_mb", shipped.offHeapMb());
        p.put("worker_numeric_threads", shipped.numericThreads());
        p.put("cells", List.copyOf(placements));
        return p;
    }

    /**
     * Stops the context this runner started, with the driver's own worker JVMs (local mode; an
     * executor's end with it). In a context it found running, the workers stay for the next run
     * of the same plugins until that context stops.
     */
    @Override
    public void close() {
        if (ownContext) {
            NodeWorkers.closeAll(shipped);
            sc.stop();
        }
    }

    /**
     * Spark logs every task at INFO; with slf4j-simple (this module's tests; the CLI's HostLog sets its own levels) its loggers print
     * warnings and errors only, unless the user set a level for them ({@code -Dorg.slf4j.simpleLogger.log.org.apache.spark=info}).
     */
    private static void quietSparkLogs() {
        for (String logger : List.of("org.apache.spark", "org.sparkproject")) {
            String key = "org.slf4j.simpleLogger.log." + logger;
            if (System.getProperty(key) == null) {
                System.setProperty(key, "warn");
            }
        }
    }

    /** Copies a plugin file to the staging folder as {@code SHA256PREFIX-FILENAME}: its shipped name. */
    private static Path stage(WorkerSetup.PluginFile f) {
        if (Files.isDirectory(f.path())) {
            throw new IllegalArgumentException("the Spark runner ships plugin files, and " + f.path() + " is a development folder: package it "
                    + "(mvn -B package gives a jar) and load the jar instead");
        }
        Path target = STAGING.resolve(f.sha256().substring(0, 16) + "-" + f.path().getFileName());
        try {
            if (!Files.exists(target)) {
                Path tmp = Files.createTempFile(STAGING, "staging", ".part");
                Files.copy(f.path(), tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage plugin file " + f.path() + " for shipping: " + e.getMessage(), e);
        }
        return target;
    }

    private static Path staging() {
        try {
            Path dir = Files.createTempDirectory("plugbench-spark-plugins");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a staging folder for plugin files: " + e.getMessage(), e);
        }
    }

    /** The driver side of each finished task: queue its answer for the harness's thread. */
    private static final class Handler extends AbstractFunction2<Object, String, BoxedUnit> {
        private final BlockingQueue<String> answers;

        Handler(BlockingQueue<String> answers) {
            this.answers = answers;
        }

        @Override
        public BoxedUnit apply(Object partition, String answer) {
            answers.add(answer);
            return BoxedUnit.UNIT;
        }
    }

    private static final class Unit extends AbstractFunction0<BoxedUnit> {
        @Override
        public BoxedUnit apply() {
            return BoxedUnit.UNIT;
        }
    }
}
