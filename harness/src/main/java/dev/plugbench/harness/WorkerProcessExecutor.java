package dev.plugbench.harness;

import dev.plugbench.api.bench.CellResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.FutureTask;
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
 * <p>The workers are a pool that lives as long as the executor, one run, started with it (while the
 * run is planned and its first task prepared): a worker serves task after task, keeping what the tasks prepared (their data, and what they
 * cache per seed), so a run pays each JVM's start once, not once per task. At most {@code workers}
 * run cells at any moment, also when two tasks are in flight ({@link #execute} may be called
 * concurrently).
 */
final class WorkerProcessExecutor implements CellExecutor {
    private final WorkerSetup setup;
    private final int workers;
    private final Semaphore busy;
    private final BlockingDeque<WorkerProcess> idle = new LinkedBlockingDeque<>();
    /** The workers started with the pool, before any cell (their JVM start and ND4J's overlap the run's planning), not yet taken. */
    private final java.util.Queue<FutureTask<WorkerProcess>> warming = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final AtomicInteger started = new AtomicInteger();
    /** Nanoseconds from starting a worker JVM to its ready message, summed over the workers started. */
    private final java.util.concurrent.atomic.AtomicLong startNanos = new java.util.concurrent.atomic.AtomicLong();
    /** Nanoseconds a cell took in the parent beyond its own seconds (protocol, JSON, the worker's bookkeeping), summed. */
    private final java.util.concurrent.atomic.AtomicLong overheadNanos = new java.util.concurrent.atomic.AtomicLong();
    private final AtomicInteger cellsRun = new AtomicInteger();

    private final int workersPerTask;

    /**
     * @param workersPerTask the most workers one task's cells go to: {@code workers} when the run has one task; fewer when
     *                       tasks overlap, so that each task prepares its data and networks in as few JVMs as keep the
     *                       pool busy (the next task takes the other workers), not in every one
     */
    WorkerProcessExecutor(WorkerSetup setup, int workers, int workersPerTask) {
        this.setup = setup;
        this.workers = workers;
        this.workersPerTask = Math.max(1, Math.min(workers, workersPerTask));
        this.busy = new Semaphore(workers, true);
        for (int w = 0; w < workers; w++) {
            FutureTask<WorkerProcess> start = new FutureTask<>(this::startWorker);
            Thread t = new Thread(start, "plugbench-worker-start-" + w);
            t.setDaemon(true);
            t.start();
            warming.add(start);
        }
    }

    /** Starts a worker JVM and counts its start time. */
    private WorkerProcess startWorker() {
        long t0 = System.nanoTime();
        WorkerProcess w = WorkerProcess.start(setup);
        startNanos.addAndGet(System.nanoTime() - t0);
        started.incrementAndGet();
        return w;
    }

    /**
     * A worker for a feeder that has none: one of those started with the pool (waiting for it if it is still starting),
     * else a new one. A start that failed throws its reason here, the first time a cell needs a worker.
     */
    private WorkerProcess warmOrNew() {
        java.util.concurrent.Future<WorkerProcess> start = warming.poll();
        if (start == null) {
            return startWorker();
        }
        try {
            return start.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while a worker JVM started", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException("a worker JVM could not start: " + e.getCause(), e.getCause());
        }
    }

    /** One call of {@link #execute}: its cells, their queues, where rows go, and how many are still to come. */
    private static final class Call {
        final List<CellDescription> cells;
        final SeedQueues todo;
        final BiConsumer<Integer, CellResult> onResult;
        final String task;
        final java.util.concurrent.CountDownLatch unanswered;
        final AtomicReference<RuntimeException> fatal = new AtomicReference<>();

        Call(List<CellDescription> cells, int feeders, BiConsumer<Integer, CellResult> onResult) {
            this.cells = cells;
            this.todo = new SeedQueues(cells, feeders);
            this.onResult = onResult;
            this.task = cells.get(0).family() + "/" + cells.get(0).task() + "/" + cells.get(0).scale();
            this.unanswered = new java.util.concurrent.CountDownLatch(cells.size());
        }

        void fail(RuntimeException e) {
            fatal.compareAndSet(null, e);
            for (long n = unanswered.getCount(); n > 0; n--) {
                unanswered.countDown();
            }
            todo.clear();
        }
    }

    @Override
    public java.util.Map<String, Object> execute(List<CellDescription> cells, BiConsumer<Integer, CellResult> onResult) throws InterruptedException {
        if (!cells.isEmpty()) {
            int feeders = Math.min(workersPerTask, cells.size());
            Call call = new Call(cells, feeders, onResult);
            for (int w = 0; w < feeders; w++) {
                int own = w;
                Thread t = new Thread(() -> {
                    try {
                        feed(call, own);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "plugbench-worker-feeder-" + w);
                t.setDaemon(true);
                t.start();
            }
            call.unanswered.await();
            if (call.fatal.get() != null) {
                throw call.fatal.get();
            }
        }
        java.util.Map<String, Object> p = new java.util.LinkedHashMap<>();
        p.put("executor", workers + " worker JVMs");
        p.put("worker_heap_mb", setup.memory().heapMb());
        p.put("worker_off_heap_mb", setup.memory().offHeapMb());
        p.put("worker_jvms_started", started.get());
        p.put("worker_start_seconds_mean", started.get() == 0 ? 0.0 : Math.round(startNanos.get() / 1e7 / started.get()) / 100.0);
        p.put("worker_overhead_ms_per_cell", cellsRun.get() == 0 ? 0.0 : Math.round(overheadNanos.get() / 1e4 / cellsRun.get()) / 100.0);
        return p;
    }

    /**
     * Keeps one worker busy until the call's queue is empty (a worker does not help another task
     * when its own is done: preparing that task again cost more than the idle tail saved, 201 s
     * against 151 s on the quick demo). The worker comes from the pool (one that ran this task's cells before, if idle), or is started;
     * a retired one is replaced; a live one goes back to the pool.
     */
    private void feed(Call call, int own) throws InterruptedException {
        if (call.todo.isEmpty()) {
            return;
        }
        busy.acquire();
        WorkerProcess[] worker = {takeIdle(call.task)};
        try {
            for (Integer i; (i = call.todo.next(own)) != null; ) {
                runOne(call, i, worker);
            }
        } finally {
            if (worker[0] != null) {
                idle.offerFirst(worker[0]);
            }
            busy.release();
        }
    }

    /** Runs cell {@code i} of {@code call} on {@code worker[0]} (started if null, nulled when retired) and hands its row over. */
    private void runOne(Call call, int i, WorkerProcess[] worker) {
        try {
            if (worker[0] == null) {
                worker[0] = warmOrNew();
            }
            worker[0].prepared(call.task);
            long t0 = System.nanoTime();
            CellResult row = worker[0].run(i, call.cells.get(i));
            overheadNanos.addAndGet(Math.max(0, System.nanoTime() - t0 - (long) (row.seconds() * 1e9)));
            cellsRun.incrementAndGet();
            if (!worker[0].reusable()) {
                worker[0] = null; // retired (killed) by run()
            }
            call.onResult.accept(i, row);
            call.unanswered.countDown();
        } catch (RuntimeException | Error e) {
            if (worker[0] != null) {
                worker[0].kill();
                worker[0] = null;
            }
            call.fail(e instanceof RuntimeException r ? r : new IllegalStateException("the harness failed: " + e, e));
        }
    }

    /** An idle worker that has run cells of {@code task} already (it holds what the task prepared), else any idle one, else null. */
    private synchronized WorkerProcess takeIdle(String task) {
        for (WorkerProcess w : idle) {
            if (w.hasPrepared(task)) {
                idle.remove(w);
                return w;
            }
        }
        return idle.pollFirst();
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

    /** Ends the pool's workers, those still starting too (a run whose cells were all read back never needed them). */
    @Override
    public void close() {
        for (FutureTask<WorkerProcess> start; (start = warming.poll()) != null; ) {
            start.cancel(true); // a start waiting for its worker's ready message kills that JVM
            if (start.isDone() && !start.isCancelled()) {
                try {
                    start.get().close();
                } catch (Exception e) {
                    // it never started: nothing to end
                }
            }
        }
        for (WorkerProcess w; (w = idle.pollFirst()) != null; ) {
            w.close();
        }
    }
}
