package dev.plugbench.harness;

import dev.plugbench.api.bench.CellResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;

/**
 * Runs cells in worker JVMs through the worker protocol ({@link WorkerProcess}): each worker rebuilds
 * the host from the plugin files the parent has loaded (verified by SHA-256) and the tasks on the
 * same class path, then answers one cell at a time. A worker that dies fails the cell it was running
 * and is replaced. The same rows as {@link InProcessExecutor} (tested), in separate processes.
 */
final class WorkerProcessExecutor implements CellExecutor {
    private final WorkerSetup setup;
    private final int workers;

    WorkerProcessExecutor(WorkerSetup setup, int workers) {
        this.setup = setup;
        this.workers = workers;
    }

    @Override
    public java.util.Map<String, Object> execute(List<CellDescription> cells, BiConsumer<Integer, CellResult> onResult) throws InterruptedException {
        BlockingQueue<Integer> todo = new LinkedBlockingQueue<>();
        for (int i = 0; i < cells.size(); i++) {
            todo.add(i);
        }
        AtomicReference<RuntimeException> fatal = new AtomicReference<>();
        List<Thread> feeders = new ArrayList<>();
        for (int w = 0; w < Math.min(workers, cells.size()); w++) {
            Thread t = new Thread(() -> {
                try {
                    feed(cells, todo, onResult);
                } catch (RuntimeException e) {
                    fatal.compareAndSet(null, e);
                    todo.clear();
                }
            }, "plugbench-worker-feeder-" + w);
            t.setDaemon(true);
            t.start();
            feeders.add(t);
        }
        for (Thread t : feeders) {
            t.join();
        }
        if (fatal.get() != null) {
            throw fatal.get();
        }
        java.util.Map<String, Object> p = new java.util.LinkedHashMap<>();
        p.put("executor", workers + " worker JVMs");
        p.put("worker_heap_mb", setup.memory().heapMb());
        p.put("worker_off_heap_mb", setup.memory().offHeapMb());
        return p;
    }

    /** Keeps one worker busy until the queue is empty; starts a new worker after one is retired. */
    private void feed(List<CellDescription> cells, BlockingQueue<Integer> todo, BiConsumer<Integer, CellResult> onResult) {
        WorkerProcess worker = null;
        try {
            for (Integer i; (i = todo.poll()) != null; ) {
                if (worker == null) {
                    worker = WorkerProcess.start(setup);
                }
                CellResult row = worker.run(i, cells.get(i));
                if (!worker.reusable()) {
                    worker = null;
                }
                onResult.accept(i, row);
            }
        } finally {
            if (worker != null) {
                worker.close();
            }
        }
    }
}
