package dev.plugbench.harness;

import dev.plugbench.api.Method;
import dev.plugbench.api.MetricSpec;
import dev.plugbench.api.bench.BenchTask;
import dev.plugbench.api.bench.CellResult;
import dev.plugbench.host.Plugbench;
import dev.plugbench.host.RegisteredMethod;
import dev.plugbench.host.Source;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

/**
 * Runs benchmark tasks against the methods a {@link Plugbench} host has registered, and writes the
 * results, in three parts: a {@link Planner} (the cells, stamped with what produces them, and what a
 * resume reads back), an executor (this JVM's threads, or worker JVMs through the {@link Worker}
 * protocol) and a {@link ResultWriter}. Each cell (method, parameters, setting, seed) runs on its own
 * thread under a time limit; a cell that throws, returns non-finite metrics or runs too long fails
 * alone, with the reason recorded. Results do not depend on the number of threads, on resuming, or
 * on which executor ran them.
 *
 * <pre>{@code
 * List<TaskResult> results = new Harness(host).run(RunSpec.of("spectral", Path.of("out")).withQuick(true));
 * }</pre>
 */
public final class Harness {
    private final Plugbench host;
    private final ClassLoader taskLoader;
    private final TaskRegistry tasks;
    private final Producers producers;
    private final Planner planner;

    /** A harness over the host's methods and the tasks on the host's classpath. */
    public Harness(Plugbench host) {
        this(host, Harness.class.getClassLoader());
    }

    /** A harness whose tasks are found with {@code taskLoader}. */
    public Harness(Plugbench host, ClassLoader taskLoader) {
        this.host = host;
        this.taskLoader = taskLoader;
        this.tasks = new TaskRegistry(taskLoader, host);
        this.producers = new Producers(host);
        this.planner = new Planner(producers);
    }

    /** All tasks, by family then name. */
    public List<BenchTask<?>> tasks() {
        return tasks.all();
    }

    /** Families that have at least one task. */
    public Set<String> families() {
        Set<String> f = new TreeSet<>();
        tasks.all().forEach(t -> f.add(t.family()));
        return f;
    }

    /**
     * Runs the spec's tasks; returns one result per task that ran (skipped tasks are reported to the
     * listener). The output folder is locked for the run: a second run on it is refused, naming this one.
     */
    public List<TaskResult> run(RunSpec spec, ProgressListener listener) {
        return run(List.of(spec), listener);
    }

    /**
     * Runs several specs (each its own family and output folder, all locked for the run) as one run;
     * results in the specs' and tasks' order. With {@code --threads} K > 1 in this JVM the tasks
     * overlap: the cells of every task go to one pool of K threads, and the next task is planned
     * while the current one's cells run, so its cells take the threads the moment they free up
     * instead of waiting for the slowest cell of the task before (its report is written meanwhile).
     * At most {@value #TASKS_IN_FLIGHT} tasks are in flight; the numbers do not depend on it. Tasks on a
     * runner ({@code --runner}) overlap the same way, each task one job of the runner's cluster.
     */
    public List<TaskResult> run(List<RunSpec> specs, ProgressListener listener) {
        List<RunLock> locks = new ArrayList<>();
        Map<RunSpec, CellExecutor> executors = new LinkedHashMap<>();
        Map<Object, CellExecutor> isolationPools = new LinkedHashMap<>();
        try {
            List<Map.Entry<RunSpec, BenchTask<?>>> jobs = new ArrayList<>();
            for (RunSpec spec : specs) {
                List<BenchTask<?>> selected = select(spec);
                checkSweep(spec, selected);
                locks.add(RunLock.acquire(spec.out()));
                selected.forEach(t -> jobs.add(Map.entry(spec, t)));
            }
            int threads = specs.stream().mapToInt(RunSpec::threads).max().orElse(1);
            boolean inProcess = threads > 1 && specs.stream().allMatch(s -> s.workers() == 0 && s.runner().isEmpty());
            boolean runners = specs.stream().allMatch(s -> s.runner().isPresent());
            List<TaskResult> results = new ArrayList<>();
            if (jobs.size() > 1 && inProcess) {
                ExecutorService cells = Executors.newFixedThreadPool(threads, InProcessExecutor.daemonThreads("plugbench-cells"));
                try {
                    CellResolver resolver = new CellResolver(host, tasks, producers);
                    Map<RunSpec, CellExecutor> bySpec = new LinkedHashMap<>();
                    for (RunSpec s : specs) {
                        bySpec.put(s, isolate(s, new InProcessExecutor(resolver, cells, s.cellTimeout()), isolationPools, true));
                    }
                    results.addAll(runOverlapped(jobs, listener, bySpec::get));
                } finally {
                    cells.shutdownNow();
                }
            } else {
                // one executor per spec for all its tasks: a runner's cluster context starts once, a worker pool serves every
                // task; specs that would build the same workers (the demo's families) share one pool
                Map<Object, CellExecutor> shared = new LinkedHashMap<>();
                for (RunSpec s : specs) {
                    Object key = s.workers() > 0 && s.runner().isEmpty() ? List.of(workerSetup(s), s.workers()) : s;
                    executors.put(s, shared.computeIfAbsent(key, k -> isolate(s, executor(s, jobs.size() > 1), isolationPools, jobs.size() > 1)));
                }
                boolean workers = specs.stream().allMatch(s -> s.workers() > 0 && s.runner().isEmpty());
                if (jobs.size() > 1 && (runners || workers)) {
                    results.addAll(runOverlapped(jobs, listener, executors::get)); // each task a cluster job, the next one queued behind it
                } else {
                    for (Map.Entry<RunSpec, BenchTask<?>> job : jobs) {
                        runIfAvailable(job.getValue(), job.getKey(), listener, executors.get(job.getKey())).ifPresent(results::add);
                    }
                }
            }
            for (RunSpec spec : specs) {
                if (results.stream().anyMatch(r -> r.directory().startsWith(spec.out()))) {
                    Reports.writeIndex(spec.out(), spec.statistics());
                }
            }
            return results;
        } finally {
            new java.util.LinkedHashSet<>(executors.values()).forEach(CellExecutor::close);
            isolationPools.values().forEach(CellExecutor::close);
            locks.forEach(RunLock::close);
        }
    }

    private static final int TASKS_IN_FLIGHT = 2;

    /** Runs the jobs with at most {@value #TASKS_IN_FLIGHT} tasks in flight, each on the executor {@code executorOf} gives its spec. */
    private List<TaskResult> runOverlapped(List<Map.Entry<RunSpec, BenchTask<?>>> jobs, ProgressListener listener,
                                           java.util.function.Function<RunSpec, CellExecutor> executorOf) {
        ExecutorService tasks = Executors.newFixedThreadPool(TASKS_IN_FLIGHT, InProcessExecutor.daemonThreads("plugbench-tasks"));
        try {
            List<Future<Optional<TaskResult>>> futures = new ArrayList<>();
            for (Map.Entry<RunSpec, BenchTask<?>> job : jobs) {
                CellExecutor executor = executorOf.apply(job.getKey());
                futures.add(tasks.submit(() -> runIfAvailable(job.getValue(), job.getKey(), listener, executor)));
            }
            List<TaskResult> results = new ArrayList<>();
            for (Future<Optional<TaskResult>> f : futures) {
                f.get().ifPresent(results::add);
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the run was interrupted; rerun with --resume to continue", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("the harness failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            tasks.shutdownNow();
        }
    }

    private Optional<TaskResult> runIfAvailable(BenchTask<?> task, RunSpec spec, ProgressListener listener, CellExecutor executor) {
        var reason = task.unavailable();
        if (reason.isPresent()) {
            listener.taskSkipped(task.name(), reason.get());
            return Optional.empty();
        }
        return runTask(task, spec, listener, executor);
    }

    /** {@link #run(RunSpec, ProgressListener)} without progress reporting. */
    public List<TaskResult> run(RunSpec spec) {
        return run(spec, ProgressListener.NONE);
    }

    /**
     * Reruns the cells of the given methods in an existing output directory (the watch mode uses
     * this after a plugin reload), keeping the other methods' cells.
     */
    public List<TaskResult> rerun(RunSpec spec, Set<String> methodIds, ProgressListener listener) {
        for (BenchTask<?> task : select(spec)) {
            forget(task, spec, methodIds);
        }
        return run(spec.withResume(true), listener);
    }

    private <M extends Method> void forget(BenchTask<M> task, RunSpec spec, Set<String> methodIds) {
        try {
            CellStore store = new CellStore(spec.out().resolve(task.name()).resolve("cells"));
            for (CellDescription c : planner.cells(task, spec, methodsOf(task, spec))) {
                if (methodIds.contains(c.method())) {
                    store.forget(c);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Refuses a sweep with problems for the methods the spec runs, listing them all. */
    private void checkSweep(RunSpec spec, List<BenchTask<?>> selected) {
        if (spec.sweep().isEmpty()) {
            return;
        }
        Map<String, dev.plugbench.api.MethodInfo> infos = new LinkedHashMap<>();
        for (BenchTask<?> t : selected) {
            methodsOf(t, spec).forEach(m -> infos.putIfAbsent(m.id(), m.info()));
        }
        List<String> problems = spec.sweep().problems(List.copyOf(infos.values()));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("the sweep does not fit the methods of " + spec.family() + ": " + String.join("; ", problems));
        }
    }

    private List<BenchTask<?>> select(RunSpec spec) {
        if (spec.data().isPresent()) {
            if (spec.workers() > 0 || spec.runner().isPresent()) {
                throw new IllegalArgumentException("--data runs in this JVM only: worker JVMs rebuild the host from plugin files and have no path to "
                        + "your data; drop " + (spec.workers() > 0 ? "--workers" : "--runner"));
            }
            List<String> families = new ArrayList<>();
            DataTaskFactory factory = null;
            for (DataTaskFactory f : java.util.ServiceLoader.load(DataTaskFactory.class, taskLoader)) {
                families.addAll(f.families());
                if (factory == null && f.families().contains(spec.family())) {
                    factory = f;
                }
            }
            if (factory == null) {
                throw new IllegalArgumentException("--data is for the families " + families.stream().sorted().toList() + ", not '" + spec.family() + "' (its tasks bring their own data)");
            }
            BenchTask<?> own = tasks.addRunTask(factory.task(spec.family(), spec.data().get()));
            if (spec.task().isPresent() && !spec.task().get().equals(own.name())) {
                throw new IllegalArgumentException("--data makes the task '" + own.name() + "'; drop --task " + spec.task().get() + " or run without --data");
            }
            return List.of(own);
        }
        List<BenchTask<?>> ofFamily = tasks.of(spec.family());
        if (ofFamily.isEmpty()) {
            throw new IllegalArgumentException("no benchmark task for family '" + spec.family() + "'; families with tasks: " + families());
        }
        if (spec.task().isEmpty()) {
            return ofFamily;
        }
        List<BenchTask<?>> match = ofFamily.stream().filter(t -> t.name().equals(spec.task().get())).toList();
        if (match.isEmpty()) {
            throw new IllegalArgumentException("family '" + spec.family() + "' has no task '" + spec.task().get() + "'; its tasks: "
                    + ofFamily.stream().map(BenchTask::name).toList());
        }
        return match;
    }

    private <M extends Method> List<RegisteredMethod<M>> methodsOf(BenchTask<M> task, RunSpec spec) {
        List<RegisteredMethod<M>> all = host.methods(task.extensionPoint());
        for (String wanted : spec.methods()) {
            if (all.stream().noneMatch(m -> m.id().equals(wanted))) {
                throw new IllegalArgumentException(MissingMethod.message(host, task.family(), wanted, all.stream().map(RegisteredMethod::id).toList()));
            }
        }
        return all.stream().filter(m -> spec.methods().isEmpty() || spec.methods().contains(m.id()))
                .filter(m -> task.accepts(m.method())).toList();
    }

    /** The executor the spec asks for: a runner's ({@code --runner}), worker JVMs ({@code --workers}) or this JVM's threads. */
    private CellExecutor executor(RunSpec spec, boolean tasksOverlap) {
        if (spec.runner().isPresent()) {
            String r = spec.runner().get();
            int eq = r.indexOf('=');
            RunnerProvider provider = RunnerProvider.find(eq < 0 ? r : r.substring(0, eq), taskLoader);
            return provider.open(eq < 0 ? "" : r.substring(eq + 1), workerSetup(spec), spec.threads());
        }
        if (spec.workers() > 0) {
            return new WorkerProcessExecutor(workerSetup(spec), spec.workers(), workersPerTask(spec.workers(), tasksOverlap));
        }
        return new InProcessExecutor(new CellResolver(host, tasks, producers), spec.threads(), spec.cellTimeout());
    }

    /**
     * {@code here}, or, when the spec isolates some of the loaded plugins ({@link RunSpec#isolatedPlugins()}), an executor
     * that sends their cells to a pool of worker JVMs built from their files alone (one pool per run for the specs that
     * need the same, kept in {@code pools}) and runs the rest here. Runs on the user's data stay here: a worker has no
     * path to it.
     */
    private CellExecutor isolate(RunSpec spec, CellExecutor here, Map<Object, CellExecutor> pools, boolean tasksOverlap) {
        if (spec.isolatedPlugins().isEmpty() || spec.workers() > 0 || spec.runner().isPresent() || spec.data().isPresent()) {
            return here;
        }
        List<dev.plugbench.host.PluginInfo> isolated = host.plugins().stream().filter(p -> spec.isolatedPlugins().contains(p.id())).toList();
        if (isolated.isEmpty()) {
            return here;
        }
        WorkerSetup setup = workerSetup(spec, isolated, false);
        CellExecutor pool = pools.computeIfAbsent(List.of(setup, spec.threads()), k -> new WorkerProcessExecutor(setup, spec.threads(), workersPerTask(spec.threads(), tasksOverlap)));
        Map<String, String> pluginOfMethod = new LinkedHashMap<>();
        host.allMethods().stream().filter(m -> m.family().equals(spec.family()) && m.source() != Source.CLASSPATH)
                .forEach(m -> pluginOfMethod.put(m.id(), m.pluginId()));
        return new IsolatingExecutor(here, pool, pluginOfMethod, spec.isolatedPlugins());
    }

    /**
     * How many of a pool's workers one task's cells go to: all of them when the run has one task; when tasks overlap, the
     * pool split among the tasks in flight, so that a task prepares its data and networks in one worker JVM, not in each.
     */
    private static int workersPerTask(int workers, boolean tasksOverlap) {
        return tasksOverlap ? Math.max(1, workers / TASKS_IN_FLIGHT) : workers;
    }

    /** What a worker JVM needs to rebuild this host: its plugin files and hashes, and this JVM's numeric threads. */
    private WorkerSetup workerSetup(RunSpec spec) {
        boolean classpath = host.allMethods().stream().anyMatch(m -> m.source() == Source.CLASSPATH);
        return workerSetup(spec, host.plugins(), classpath);
    }

    private static WorkerSetup workerSetup(RunSpec spec, List<dev.plugbench.host.PluginInfo> plugins, boolean classpathMethods) {
        List<WorkerSetup.PluginFile> files = plugins.stream().map(p -> new WorkerSetup.PluginFile(p.file(), p.sha256())).toList();
        int numericThreads = ((Number) dev.plugbench.toolkit.NumericRuntime.threads().get("nd4j_threads")).intValue();
        return new WorkerSetup(files, classpathMethods, spec.cellTimeout(), spec.workerMemory(), numericThreads);
    }

    /** Plans the task's cells, runs those not read back, writes the results; empty when no method takes part. */
    private <M extends Method> Optional<TaskResult> runTask(BenchTask<M> task, RunSpec spec, ProgressListener listener, CellExecutor executor) {
        Instant started = Instant.now();
        List<RegisteredMethod<M>> methods = methodsOf(task, spec);
        if (methods.isEmpty()) {
            listener.taskSkipped(task.name(), "no registered method of family '" + task.family() + "' takes part in it");
            return Optional.empty();
        }
        Path dir = spec.out().resolve(task.name());
        CellStore store = new CellStore(dir.resolve("cells"));
        try {
            checkResumable(dir, task, spec);
            Planner.Plan plan = planner.plan(task, spec, methods, store, listener);
            plan.changed().forEach((method, change) -> listener.producerChanged(task.name(), method, change.reason(), change.cells()));
            int mine = (int) java.util.stream.IntStream.range(0, plan.cells().size()).filter(spec.shard()::owns).count();
            listener.taskStarted(task.name(), mine, mine - plan.todo().size());
            CellResult[] rows = plan.rows();
            List<Integer> order = CellOrder.longestFirst(plan.todo(), plan.cells(), store.secondsByGroup());
            List<CellDescription> todo = new ArrayList<>(order.stream().map(plan.cells()::get).toList());
            List<Integer> checks = ResumeCheck.pick(plan.rows(), new java.security.SecureRandom());
            checks.forEach(i -> todo.add(plan.cells().get(i)));
            List<String> mismatches = java.util.Collections.synchronizedList(new ArrayList<>());
            Map<String, Object> where;
            try {
                where = executor.execute(todo, (k, row) -> {
                    if (k >= order.size()) {
                        int i = checks.get(k - order.size());
                        ResumeCheck.compare(rows[i], row).ifPresent(mismatches::add);
                        return;
                    }
                    int i = order.get(k);
                    rows[i] = row;
                    try {
                        store.save(plan.cells().get(i), row);
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot save a cell under " + dir, e);
                    }
                    listener.cellFinished(task.name(), row);
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("the run was interrupted; rerun with --resume to continue", e);
            }
            if (!mismatches.isEmpty()) {
                throw new IllegalArgumentException("--resume refused for " + dir + ": " + checks.size() + " saved cells were recomputed as a check and "
                        + mismatches.size() + " came out different (" + String.join("; ", mismatches) + "). The saved cells were made by other code, "
                        + "data or settings than this run's; start a fresh run: remove --resume, or give another --out");
            }
            List<CellResult> finished = java.util.Arrays.stream(rows).filter(java.util.Objects::nonNull).toList();
            Map<String, Map<String, Map<String, Object>>> methodParams = new LinkedHashMap<>();
            for (CellResult r : finished) {
                methodParams.computeIfAbsent(r.method(), k -> new LinkedHashMap<>()).put(Report.paramsLabel(r.params()), r.params());
            }
            Map<String, List<Map<String, Object>>> parameters = new LinkedHashMap<>();
            methodParams.forEach((k, v) -> parameters.put(k, List.copyOf(v.values())));
            Map<String, List<MetricSpec>> methodMetrics = new LinkedHashMap<>();
            methods.forEach(m -> methodMetrics.put(m.id(), m.info().metrics()));
            TaskResult result = new TaskResult(task.family(), task.name(), spec.quick(),
                    LongStream.range(0, spec.seeds()).boxed().toList(),
                    Provenance.of(host, task, spec, methods, parameters, started, plan.cells().size(), where), finished, Summaries.of(finished, task.metrics()), dir,
                    methodMetrics, task.metrics(), task.description());
            ResultWriter.write(result, task, spec.statistics());
            return Optional.of(result);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write results under " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void checkResumable(Path dir, BenchTask<?> task, RunSpec spec) throws IOException {
        Path runFile = dir.resolve("run.json");
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("family", task.family());
        run.put("task", task.name());
        run.put("quick", spec.quick());
        if (!spec.shard().isAll()) {
            run.put("shard", spec.shard().index() + "/" + spec.shard().count());
        }
        if (spec.resume() && Files.isRegularFile(runFile)) {
            Map<String, Object> previous = Json.read(runFile);
            if (!previous.equals(run)) {
                throw new IllegalArgumentException(dir + " holds a run of " + previous + ", not of " + run
                        + ": resume with the same task, --quick and --shard, or use another --out");
            }
        }
        AtomicFiles.write(runFile, Json.bytes(run));
    }

    /** The console form of a task's summary: its markdown tables, marked by the paired tests of {@code options}, and their legend. */
    public static String table(TaskResult r, StatisticsOptions options) {
        return r.family() + " / " + r.task() + (r.quick() ? " (quick)" : "") + "\n" + Report.tables(r, options);
    }
}
