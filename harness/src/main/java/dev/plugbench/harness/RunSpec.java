package dev.plugbench.harness;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What to run.
 *
 * @param family      the family
 * @param task        the task name, or empty for every task of the family
 * @param methods     method ids to run, or empty for all
 * @param seeds       number of seeds (seeds 0..seeds-1)
 * @param quick       the small version of each task
 * @param out         output directory
 * @param resume      skip cells already completed in {@code out}
 * @param threads     cells run in parallel
 * @param cellTimeout a cell running longer fails with a timeout
 * @param workers     0: cells run in this JVM, on {@code threads} threads; n &gt; 0: in n worker JVMs
 *                    (the worker protocol, {@link Worker}), each rebuilding the host from the plugin files
 * @param workerMemory each worker JVM's heap and off-heap caps (a method that exceeds them fails its cell)
 * @param statistics how the reports test differences between methods
 * @param sweep      parameter values that replace the tasks' own sweeps of them ({@link Sweep#NONE}: the tasks' sweeps)
 * @param shard      the share of the cells this run computes ({@link Shard#ALL}: every cell)
 * @param data       the user's data set for the family's bring-your-own-data task (a CSV path, or IMAGES,LABELS of an IDX pair); empty: the tasks
 * @param runner     {@code NAME[=ARGUMENT]} of a {@link RunnerProvider} that runs the cells (for example {@code spark=local[2]}); empty:
 *                   this JVM's threads or {@code workers}
 * @param isolatedPlugins ids of plugins whose cells run in worker JVMs (at most {@code threads} of them) while the other
 *                   methods' cells run in this JVM: how a run keeps plugins nobody has vetted out of the host. Only with
 *                   {@code workers} 0 and no runner (those put every cell elsewhere already); empty: none
 */
public record RunSpec(String family, Optional<String> task, List<String> methods, int seeds, boolean quick, Path out,
                      boolean resume, int threads, Duration cellTimeout, int workers, WorkerMemory workerMemory,
                      StatisticsOptions statistics, Sweep sweep, Shard shard, Optional<String> data, Optional<String> runner,
                      Set<String> isolatedPlugins) {
    /**
     * A worker JVM's memory caps.
     *
     * @param heapMb    the Java heap ({@code -Xmx}), MiB
     * @param offHeapMb ND4J's arrays off the heap ({@code org.bytedeco.javacpp.maxbytes}), MiB
     */
    public record WorkerMemory(int heapMb, int offHeapMb) {
        /** 1 GiB of heap and 4 GiB off it, as the launcher gives the host. */
        public static final WorkerMemory DEFAULT = new WorkerMemory(1024, 4096);

        public WorkerMemory {
            if (heapMb < 64 || offHeapMb < 64) {
                throw new IllegalArgumentException("worker memory caps must be at least 64 MiB each; got heap " + heapMb + ", off-heap " + offHeapMb);
            }
        }
    }

    public RunSpec {
        Objects.requireNonNull(workerMemory, "workerMemory is null");
        Objects.requireNonNull(statistics, "statistics is null");
        Objects.requireNonNull(sweep, "sweep is null");
        Objects.requireNonNull(data, "data is null");
        Objects.requireNonNull(runner, "runner is null");
        isolatedPlugins = Set.copyOf(Objects.requireNonNull(isolatedPlugins, "isolatedPlugins is null"));
        if (runner.isPresent() && workers > 0) {
            throw new IllegalArgumentException("give --runner or --workers, not both: a runner starts its own worker JVMs");
        }
        Objects.requireNonNull(shard, "shard is null");
        Objects.requireNonNull(family, "family is null");
        Objects.requireNonNull(task, "task is null");
        methods = List.copyOf(methods);
        Objects.requireNonNull(out, "out is null");
        Objects.requireNonNull(cellTimeout, "cellTimeout is null");
        if (seeds < 1) {
            throw new IllegalArgumentException("seeds = " + seeds + ": give at least 1");
        }
        if (workers < 0) {
            throw new IllegalArgumentException("workers = " + workers + ": give 0 (run in this JVM) or a number of worker JVMs");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads = " + threads + ": give at least 1");
        }
        if (cellTimeout.isNegative() || cellTimeout.isZero()) {
            throw new IllegalArgumentException("the cell timeout must be positive; got " + cellTimeout);
        }
    }

    /** A run of every method on every task of a family with defaults: 3 seeds, 1 thread, 10 minutes a cell. */
    public static RunSpec of(String family, Path out) {
        return new RunSpec(family, Optional.empty(), List.of(), 3, false, out, false, 1, Duration.ofMinutes(10), 0, WorkerMemory.DEFAULT, StatisticsOptions.DEFAULT, Sweep.NONE, Shard.ALL, Optional.empty(), Optional.empty(), Set.of());
    }

    public RunSpec withTask(String t) {
        return new RunSpec(family, Optional.of(t), methods, seeds, quick, out, resume, threads, cellTimeout, workers, workerMemory, statistics, sweep, shard, data, runner, isolatedPlugins);
    }

    public RunSpec withMethods(List<String> m) {
        return new RunSpec(family, task, m, seeds, quick, out, resume, threads, cellTimeout, workers, workerMemory, statistics, sweep, shard, data, runner, isolatedPlugins);
    }

    public RunSpec withSeeds(int n) {
        return new RunSpec(family, task, methods, n, quick, out, resume, threads, cellTimeout, workers, workerMemory, statistics, sweep, shard, data, runner, isolatedPlugins);
    }

    public RunSpec withQuick(boolean q) {
        return new RunSpec(family, task, methods, seeds, q, out, resume, threads, cellTimeout, workers, workerMemory, statistics, sweep, shard, data, runner, isolatedPlugins);
    }

    public RunSpec withResume(boolean r) {
        return new RunSpec(family, task, methods, seeds, quick, out, r, threads, cellTimeout, workers, workerMemory, statistics, sweep, shard, data, runner, isolatedPlugins);
    }

    public RunSpec withThreads(int t) {
        return new RunSpec(family, task, methods, seeds, quick, out, resume, t, cellTimeout, workers, workerMemory, statistics, sweep, shard, data, runner, isolatedPlugins);
    }

    public RunSpec withCellTimeout(Duration d) {
        return new RunSpec(family, task, methods, seeds, quick, out, resume, threads, d, workers, workerMemory, statistics, sweep, shard, data, runner, isolatedPlugins);
    }

    public RunSpec withOut(Path o) {
        return new RunSpec(family, task, methods, seeds, quick, o, resume, threads, cellTimeout, workers, workerMemory, statistics, sweep, shard, data, runner, isolatedPlugins);
    }

    /** Runs the cells in {@code n} worker JVMs (0: in this JVM). */
    public RunSpec withWorkers(int n) {
        return new RunSpec(family, task, methods, seeds, quick, out, resume, threads, cellTimeout, n, workerMemory, statistics, sweep, shard, data, runner, isolatedPlugins);
    }

    /** The scale of the run. */
    public dev.plugbench.api.bench.Scale scale() {
        return dev.plugbench.api.bench.Scale.of(quick);
    }

    public RunSpec withWorkerMemory(WorkerMemory m) {
        return new RunSpec(family, task, methods, seeds, quick, out, resume, threads, cellTimeout, workers, m, statistics, sweep, shard, data, runner, isolatedPlugins);
    }

    /** How the reports test differences between methods. */
    public RunSpec withStatistics(StatisticsOptions s) {
        return new RunSpec(family, task, methods, seeds, quick, out, resume, threads, cellTimeout, workers, workerMemory, s, sweep, shard, data, runner, isolatedPlugins);
    }

    /** Parameter values to sweep instead of the tasks' own (validated against each method's parameters before the run). */
    public RunSpec withSweep(Sweep s) {
        return new RunSpec(family, task, methods, seeds, quick, out, resume, threads, cellTimeout, workers, workerMemory, statistics, s, shard, data, runner, isolatedPlugins);
    }

    /** Runs the family's bring-your-own-data task on this data set (a CSV path, or IMAGES,LABELS of an IDX pair) instead of its tasks. */
    public RunSpec withData(String d) {
        return new RunSpec(family, task, methods, seeds, quick, out, resume, threads, cellTimeout, workers, workerMemory, statistics, sweep, shard, Optional.ofNullable(d), runner, isolatedPlugins);
    }

    /** Computes only this shard's cells (for array jobs; join the shards' folders with {@code plugbench merge}). */
    public RunSpec withShard(Shard s) {
        return new RunSpec(family, task, methods, seeds, quick, out, resume, threads, cellTimeout, workers, workerMemory, statistics, sweep, s, data, runner, isolatedPlugins);
    }

    /** Runs the cells with the runner {@code NAME[=ARGUMENT]} (a {@link RunnerProvider} on the class path); null: this JVM or {@code workers}. */
    public RunSpec withRunner(String r) {
        return new RunSpec(family, task, methods, seeds, quick, out, resume, threads, cellTimeout, workers, workerMemory, statistics, sweep, shard, data, Optional.ofNullable(r), isolatedPlugins);
    }

    /**
     * The spec whose cells of these plugins (by id) run in worker JVMs, the rest in this JVM; the command line gives the
     * plugins the user has not trusted. Ignored with {@code workers} &gt; 0 or a runner, which run every cell outside.
     */
    public RunSpec withIsolatedPlugins(Set<String> pluginIds) {
        return new RunSpec(family, task, methods, seeds, quick, out, resume, threads, cellTimeout, workers, workerMemory, statistics, sweep, shard, data, runner, pluginIds);
    }
}
