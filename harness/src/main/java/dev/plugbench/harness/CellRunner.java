package dev.plugbench.harness;

import dev.plugbench.api.Method;
import dev.plugbench.api.bench.BenchTask;
import dev.plugbench.api.bench.CellContext;
import dev.plugbench.api.bench.CellOutput;
import dev.plugbench.api.bench.CellResult;
import dev.plugbench.api.bench.Setting;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs one cell on a thread of its own under a time limit, and checks what it returns. */
final class CellRunner {
    /** A failed cell's stack trace, at DEBUG, for the log (its row holds the reason; the CLI's log takes this logger's DEBUG lines). */
    private static final Logger LOG = LoggerFactory.getLogger(CellRunner.class);

    private CellRunner() {
    }

    static <M extends Method> CellResult run(BenchTask<M> task, M method, CellDescription cell, Duration timeout) {
        AtomicReference<CellOutput> output = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long t0 = System.nanoTime();
        Thread worker = new Thread(() -> {
            try {
                CellContext context = new CellContext(method.info().bind(cell.params()), setting(task, cell), cell.seed(), cell.scale());
                output.set(task.run(method, context));
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "plugbench-cell-" + cell.method() + "-" + cell.seed());
        worker.setDaemon(true);
        worker.start();
        try {
            worker.join(timeout.toMillis());
        } catch (InterruptedException e) {
            worker.interrupt();
            Thread.currentThread().interrupt();
            return failed(cell, t0, "interrupted");
        }
        if (worker.isAlive()) {
            worker.interrupt();
            return failed(cell, t0, "timed out after " + timeout.toSeconds() + " s (the per-cell limit); the method did not return");
        }
        if (failure.get() != null) {
            Throwable e = failure.get();
            LOG.debug("cell {} {} {} seed {} {} failed", cell.family(), cell.task(), cell.method(), cell.seed(), cell.params(), e);
            return failed(cell, t0, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        CellOutput out = output.get();
        if (out == null) {
            return failed(cell, t0, "the task returned no metrics");
        }
        for (Map.Entry<String, Double> e : out.metrics().entrySet()) {
            if (e.getValue() == null || !Double.isFinite(e.getValue())) {
                return failed(cell, t0, "metric '" + e.getKey() + "' is " + e.getValue() + ": the method produced non-finite output");
            }
        }
        return new CellResult(cell.method(), cell.params(), cell.setting(), cell.seed(), out.metrics(), seconds(t0), null, out.series());
    }

    /** The task's setting of that name at the cell's scale. */
    static Setting setting(BenchTask<?> task, CellDescription cell) {
        return task.settings(cell.scale()).stream().filter(s -> s.name().equals(cell.setting())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("task '" + task.name() + "' has no setting '" + cell.setting() + "' at scale "
                        + cell.scale() + "; its settings: " + task.settings(cell.scale()).stream().map(Setting::name).toList()));
    }

    static CellResult failed(CellDescription cell, long t0, String error) {
        return new CellResult(cell.method(), cell.params(), cell.setting(), cell.seed(), Map.of(), seconds(t0), error);
    }

    private static double seconds(long t0) {
        return Math.round((System.nanoTime() - t0) / 1e6) / 1e3;
    }
}
