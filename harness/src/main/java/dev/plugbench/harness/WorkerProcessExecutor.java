package dev.plugbench.harness;

import dev.plugbench.api.bench.CellResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;

/**
 * Runs cells in worker JVMs through the worker protocol ({@link WorkerProcess}): each worker rebuilds
 * the host from the plugin files the parent has loaded (verified by SHA-256) and the tasks on the
 * same class path, then answers one cell at a time. A worker that dies fails the cell it was running
 * and is replaced. The same rows as {@link InProcessExecutor} (tested), in separate processes.
 *
 * <p>The workers are a pool that lives as long as the executor, one run: a worker started for the
 * first task serves the next ones too, keeping what the tasks prepared (their data, and what they
 * cache per seed), so a run pays each JVM's start once, not once per task. At most {@code workers}
 * run cells at any moment, also when two tasks are in flight ({@link #execute} may be called
 * concurrently).
 */
final class WorkerProcessExecutor implements CellExecutor {
    private final WorkerSetup setup;
    private final int workers;
    private final Semaphore busy;
    private final BlockingDeque<WorkerProcess> idle = new LinkedBlockingDeque<>();
    private final AtomicInteger started = new AtomicInteger();

    WorkerProcessExecutor(WorkerSetup setup, int workers) {
        this.setup = setup;
        this.workers = workers;
        this.busy = new Semaphore(workers, true);
    }

    @Override
    public java.util.Map<String, Object> execute(List<CellDescription> cells, BiConsumer<Integer, CellResult> onResult) throws InterruptedException {
        int feeders = Math.min(workers, cells.size());
        SeedQueues todo = new SeedQueues(cells, feeders);
        AtomicReference<RuntimeException> fatal = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < feeders; w++) {
            int own = w;
            Thread t = new Thread(() -> {
                try {
                    feed(cells, todo, own, onResult);
                } catch (RuntimeException e) {
                    fatal.compareAndSet(null, e);
                    todo.clear();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "plugbench-worker-feeder-" + w);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        if (fatal.get() != null) {
            throw fatal.get();
        }
        java.util.Map<String, Object> p = new java.util.LinkedHashMap<>();
        p.put("executor", workers + " worker JVMs");
        p.put("worker_heap_mb", setup.memory().heapMb());
        p.put("worker_off_heap_mb", setup.memory().offHeapMb());
        p.put("worker_jvms_started", started.get());
        return p;
    }

    /**
     * Keeps one worker busy until the queue is empty: the worker comes from the pool (one a task
     * before used), or is started; a retired one is replaced; a live one goes back to the pool.
     */
    private void feed(List<CellDescription> cells, SeedQueues todo, int own, BiConsumer<Integer, CellResult> onResult)
            throws InterruptedException {
        if (todo.isEmpty()) {
            return;
        }
        busy.acquire();
        WorkerProcess worker = idle.pollFirst();
        try {
            for (Integer i; (i = todo.next(own)) != null; ) {
                if (worker == null) {
                    worker = WorkerProcess.start(setup);
                    started.incrementAndGet();
                }
                CellResult row = worker.run(i, cells.get(i));
                if (!worker.reusable()) {
                    worker = null; // retired (killed) by run()
                }
                onResult.accept(i, row);
            }
        } catch (RuntimeException | Error e) {
            if (worker != null) {
                worker.kill();
                worker = null;
            }
            throw e;
        } finally {
            if (worker != null) {
                idle.offerFirst(worker);
            }
            busy.release();
        }
    }

    /**
     * The cells of one call, a queue per feeder by seed: a task prepares what a seed needs (data, a
     * trained client or network) in the worker that first runs a cell of that seed, so each feeder
     * takes its own seeds first and another's only when its own are done (the run's tail).
     */
    private static final class SeedQueues {
        private final List<java.util.Deque<Integer>> queues = new ArrayList<>();

        SeedQueues(List<CellDescription> cells, int feeders) {
            for (int f = 0; f < feeders; f++) {
                queues.add(new java.util.ArrayDeque<>());
            }
            for (int i = 0; i < cells.size(); i++) {
                queues.get((int) Math.floorMod(cells.get(i).seed(), (long) feeders)).add(i);
            }
        }

        synchronized Integer next(int own) {
            Integer i = queues.get(own).pollFirst();
            if (i != null) {
                return i;
            }
            java.util.Deque<Integer> longest = queues.stream().max(java.util.Comparator.comparingInt(java.util.Deque::size)).orElseThrow();
            return longest.pollLast();
        }

        synchronized boolean isEmpty() {
            return queues.stream().allMatch(java.util.Deque::isEmpty);
        }

        synchronized void clear() {
            queues.forEach(java.util.Deque::clear);
        }
    }

    /** Ends the pool's workers. */
    @Override
    public void close() {
        for (WorkerProcess w; (w = idle.pollFirst()) != null; ) {
            w.close();
        }
    }
}
