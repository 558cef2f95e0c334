package dev.plugbench.host.bench;

import dev.plugbench.api.Method;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/** Runs one cell on a thread of its own under the spec's time limit, and checks what it returns. */
final class CellRunner {
    private CellRunner() {
    }

    static <M extends Method> CellResult run(BenchTask<M> task, M method, CellStore.Cell cell, RunSpec spec) {
        AtomicReference<Map<String, Double>> metrics = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long t0 = System.nanoTime();
        Thread worker = new Thread(() -> {
            try {
                metrics.set(task.run(method, method.info().bind(cell.params()), cell.setting(), cell.seed(), spec.quick()));
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "plugbench-cell-" + cell.method() + "-" + cell.seed());
        worker.setDaemon(true);
        worker.start();
        try {
            worker.join(spec.cellTimeout().toMillis());
        } catch (InterruptedException e) {
            worker.interrupt();
            Thread.currentThread().interrupt();
            return failed(cell, t0, "interrupted");
        }
        if (worker.isAlive()) {
            worker.interrupt();
            return failed(cell, t0, "timed out after " + spec.cellTimeout().toSeconds() + " s (the per-cell limit); the method did not return");
        }
        if (failure.get() != null) {
            Throwable e = failure.get();
            return failed(cell, t0, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        Map<String, Double> m = metrics.get();
        if (m == null) {
            return failed(cell, t0, "the task returned no metrics");
        }
        for (Map.Entry<String, Double> e : m.entrySet()) {
            if (e.getValue() == null || !Double.isFinite(e.getValue())) {
                return failed(cell, t0, "metric '" + e.getKey() + "' is " + e.getValue() + ": the method produced non-finite output");
            }
        }
        return new CellResult(cell.method(), cell.params(), cell.setting(), cell.seed(), m, seconds(t0), null);
    }

    private static CellResult failed(CellStore.Cell cell, long t0, String error) {
        return new CellResult(cell.method(), cell.params(), cell.setting(), cell.seed(), Map.of(), seconds(t0), error);
    }

    private static double seconds(long t0) {
        return Math.round((System.nanoTime() - t0) / 1e6) / 1e3;
    }
}
