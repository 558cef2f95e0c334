package dev.plugbench.host.bench;

import dev.plugbench.api.Method;
import dev.plugbench.api.Params;
import dev.plugbench.host.ContentHash;
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
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

/**
 * Runs benchmark tasks against the methods a {@link Plugbench} host has registered, and writes the
 * results. Each cell (method, parameters, setting, seed) runs on its own thread under a time limit;
 * a cell that throws, returns non-finite metrics or runs too long fails alone, with the reason
 * recorded. Results do not depend on the number of threads or on resuming.
 *
 * <pre>{@code
 * List<TaskResult> results = new Harness(host).run(RunSpec.of("spectral", Path.of("out")).withQuick(true));
 * }</pre>
 */
public final class Harness {
    private final Plugbench host;
    private final TaskRegistry tasks;

    /** A harness over the host's methods and the tasks on the host's classpath. */
    public Harness(Plugbench host) {
        this(host, Harness.class.getClassLoader());
    }

    /** A harness whose tasks are found with {@code taskLoader}. */
    public Harness(Plugbench host, ClassLoader taskLoader) {
        this.host = host;
        this.tasks = new TaskRegistry(taskLoader);
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

    /** Runs the spec's tasks; returns one result per task that ran (skipped tasks are reported to the listener). */
    public List<TaskResult> run(RunSpec spec, ProgressListener listener) {
        List<BenchTask<?>> selected = select(spec);
        List<TaskResult> results = new ArrayList<>();
        for (BenchTask<?> task : selected) {
            var reason = task.unavailable();
            if (reason.isPresent()) {
                listener.taskSkipped(task.name(), reason.get());
                continue;
            }
            TaskResult r = runTask(task, spec, listener);
            if (r != null) {
                results.add(r);
            }
        }
        return results;
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
            for (CellStore.Cell c : cells(task, spec, methodsOf(task, spec))) {
                if (methodIds.contains(c.method())) {
                    store.forget(c);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<BenchTask<?>> select(RunSpec spec) {
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
                throw new IllegalArgumentException("no method '" + wanted + "' in family '" + task.family() + "'; registered: "
                        + all.stream().map(RegisteredMethod::id).toList());
            }
        }
        return all.stream().filter(m -> spec.methods().isEmpty() || spec.methods().contains(m.id()))
                .filter(m -> task.accepts(m.method())).toList();
    }

    private <M extends Method> List<CellStore.Cell> cells(BenchTask<M> task, RunSpec spec, List<RegisteredMethod<M>> methods) {
        List<CellStore.Cell> cells = new ArrayList<>();
        Map<String, String> pluginSha = new LinkedHashMap<>();
        host.plugins().forEach(p -> pluginSha.put(p.id(), p.sha256()));
        String taskCode = ContentHash.ofPackage(task.getClass());
        String dataset = task.dataset(spec.quick()).contentHash();
        for (RegisteredMethod<M> m : methods) {
            String sha = m.source() == Source.PF4J ? pluginSha.get(m.pluginId()) : classpathCodeHash(m.pluginId());
            CellStore.Producer producer = new CellStore.Producer(m.pluginId(), m.pluginVersion(), sha, task.name(), taskCode, dataset);
            for (Map<String, Object> assignment : task.sweep(m.info(), spec.quick())) {
                Params params = m.info().bind(assignment);
                for (String setting : task.settings(spec.quick())) {
                    for (long seed = 0; seed < spec.seeds(); seed++) {
                        cells.add(new CellStore.Cell(m.id(), params.asMap(), setting, seed, producer));
                    }
                }
            }
        }
        return cells;
    }

    /** The code hash of a classpath method: its implementing class's package, or null when the class cannot be found. */
    private static String classpathCodeHash(String className) {
        try {
            return ContentHash.ofPackage(Class.forName(className, false, Harness.class.getClassLoader()));
        } catch (ClassNotFoundException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Tells the listener which methods' cells are recomputed because what produced them changed
     * (another plugin version or file, task code or dataset), with the stored and the new producer.
     */
    private static void reportChangedProducers(String task, List<CellStore.Cell> todo, Map<String, Set<String>> stored,
                                               ProgressListener listener) {
        Map<String, List<CellStore.Cell>> byMethod = new LinkedHashMap<>();
        Map<String, String> was = new LinkedHashMap<>();
        for (CellStore.Cell c : todo) {
            Set<String> before = stored.get(c.computes());
            if (before != null && !before.isEmpty()) {
                byMethod.computeIfAbsent(c.method(), k -> new ArrayList<>()).add(c);
                was.putIfAbsent(c.method(), before.iterator().next());
            }
        }
        byMethod.forEach((method, cells) -> listener.producerChanged(task, method,
                CellStore.describeChange(was.get(method), cells.get(0).producer()), cells.size()));
    }

    private <M extends Method> TaskResult runTask(BenchTask<M> task, RunSpec spec, ProgressListener listener) {
        Instant started = Instant.now();
        List<RegisteredMethod<M>> methods = methodsOf(task, spec);
        if (methods.isEmpty()) {
            listener.taskSkipped(task.name(), "no registered method of family '" + task.family() + "' takes part in it");
            return null;
        }
        Path dir = spec.out().resolve(task.name());
        CellStore store = new CellStore(dir.resolve("cells"));
        List<CellStore.Cell> cells = cells(task, spec, methods);
        Map<String, Map<String, Map<String, Object>>> methodParams = new LinkedHashMap<>();
        try {
            checkResumable(dir, task, spec);
            CellResult[] results = new CellResult[cells.size()];
            List<Integer> todo = new ArrayList<>();
            for (int i = 0; i < cells.size(); i++) {
                results[i] = spec.resume() ? store.load(cells.get(i)).orElse(null) : null;
                if (results[i] == null) {
                    todo.add(i);
                }
            }
            if (spec.resume()) {
                reportChangedProducers(task.name(), todo.stream().map(cells::get).toList(), store.storedProducers(), listener);
            }
            listener.taskStarted(task.name(), cells.size(), cells.size() - todo.size());
            ExecutorService pool = Executors.newFixedThreadPool(spec.threads(), daemonThreads("plugbench-cells"));
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int i : todo) {
                    CellStore.Cell cell = cells.get(i);
                    M method = methods.stream().filter(m -> m.id().equals(cell.method())).findFirst().orElseThrow().method();
                    futures.add(pool.submit(() -> {
                        CellResult r = CellRunner.run(task, method, cell, spec);
                        results[i] = r;
                        try {
                            store.save(cell, r);
                        } catch (IOException e) {
                            throw new UncheckedIOException("cannot save a cell under " + dir, e);
                        }
                        listener.cellFinished(task.name(), r);
                        return null;
                    }));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("the run was interrupted; rerun with --resume to continue", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("the harness failed: " + e.getCause().getMessage(), e.getCause());
            } finally {
                pool.shutdownNow();
            }
            List<CellResult> rows = List.of(results);
            for (CellResult r : rows) {
                methodParams.computeIfAbsent(r.method(), k -> new LinkedHashMap<>()).put(Report.paramsLabel(r.params()), r.params());
            }
            Map<String, List<Map<String, Object>>> parameters = new LinkedHashMap<>();
            methodParams.forEach((k, v) -> parameters.put(k, List.copyOf(v.values())));
            TaskResult result = new TaskResult(task.family(), task.name(), spec.quick(),
                    LongStream.range(0, spec.seeds()).boxed().toList(),
                    Provenance.of(host, task, spec, methods, parameters, started), rows, Summaries.of(rows, task.metrics()), dir);
            write(result, task);
            return result;
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
        if (spec.resume() && Files.isRegularFile(runFile)) {
            Map<String, Object> previous = Json.read(runFile);
            if (!previous.equals(run)) {
                throw new IllegalArgumentException(dir + " holds a run of " + previous + ", not of " + run
                        + ": resume with the same task and --quick setting, or use another --out");
            }
        }
        AtomicFiles.write(runFile, Json.bytes(run));
    }

    private static void write(TaskResult r, BenchTask<?> task) throws IOException {
        Path dir = r.directory();
        List<String> plots = new ArrayList<>(Plots.metricBars(r, task.metrics(), dir));
        for (Path p : task.plots(r.rows(), r.quick(), dir)) {
            plots.add(dir.relativize(dir.resolve(p)).toString());
        }
        AtomicFiles.write(dir.resolve("results.json"), Json.bytes(Json.results(r)));
        AtomicFiles.write(dir.resolve("results.csv"), Report.csv(r, task.metrics()));
        AtomicFiles.write(dir.resolve("report.md"), Report.markdown(r, task, plots));
    }

    /** The console form of a task's summary: its markdown tables, the best values in bold. */
    public String tableWithBest(TaskResult r) {
        BenchTask<?> task = tasks.all().stream().filter(t -> t.family().equals(r.family()) && t.name().equals(r.task()))
                .findFirst().orElseThrow();
        return r.family() + " / " + r.task() + (r.quick() ? " (quick)" : "") + "\n" + Report.tables(r, task.metrics());
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
