package dev.plugbench.host.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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
 */
public record RunSpec(String family, Optional<String> task, List<String> methods, int seeds, boolean quick, Path out,
                      boolean resume, int threads, Duration cellTimeout, int workers) {
    public RunSpec {
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
        return new RunSpec(family, Optional.empty(), List.of(), 3, false, out, false, 1, Duration.ofMinutes(10), 0);
    }

    public RunSpec withTask(String t) {
        return new RunSpec(family, Optional.of(t), methods, seeds, quick, out, resume, threads, cellTimeout, workers);
    }

    public RunSpec withMethods(List<String> m) {
        return new RunSpec(family, task, m, seeds, quick, out, resume, threads, cellTimeout, workers);
    }

    public RunSpec withSeeds(int n) {
        return new RunSpec(family, task, methods, n, quick, out, resume, threads, cellTimeout, workers);
    }

    public RunSpec withQuick(boolean q) {
        return new RunSpec(family, task, methods, seeds, q, out, resume, threads, cellTimeout, workers);
    }

    public RunSpec withResume(boolean r) {
        return new RunSpec(family, task, methods, seeds, quick, out, r, threads, cellTimeout, workers);
    }

    public RunSpec withThreads(int t) {
        return new RunSpec(family, task, methods, seeds, quick, out, resume, t, cellTimeout, workers);
    }

    public RunSpec withCellTimeout(Duration d) {
        return new RunSpec(family, task, methods, seeds, quick, out, resume, threads, d, workers);
    }

    public RunSpec withOut(Path o) {
        return new RunSpec(family, task, methods, seeds, quick, o, resume, threads, cellTimeout, workers);
    }

    /** Runs the cells in {@code n} worker JVMs (0: in this JVM). */
    public RunSpec withWorkers(int n) {
        return new RunSpec(family, task, methods, seeds, quick, out, resume, threads, cellTimeout, n);
    }

    /** The scale of the run. */
    public dev.plugbench.api.bench.Scale scale() {
        return dev.plugbench.api.bench.Scale.of(quick);
    }
}
