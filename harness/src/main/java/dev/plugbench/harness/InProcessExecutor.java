package dev.plugbench.harness;

import dev.plugbench.api.bench.CellResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * Runs cells on a fixed pool of this JVM's threads, each cell on a thread of its own under the time
 * limit: a pool of its own per call, or one shared with other tasks' executors (overlapped tasks).
 */
final class InProcessExecutor implements CellExecutor {
    private final CellResolver resolver;
    private final int threads;
    private final ExecutorService shared;
    private final Duration timeout;

    InProcessExecutor(CellResolver resolver, int threads, Duration timeout) {
        this.resolver = resolver;
        this.threads = threads;
        this.shared = null;
        this.timeout = timeout;
    }

    /** Cells go to {@code shared}, which the caller owns and shuts down. */
    InProcessExecutor(CellResolver resolver, ExecutorService shared, Duration timeout) {
        this.resolver = resolver;
        this.threads = 0;
        this.shared = shared;
        this.timeout = timeout;
    }

    @Override
    public java.util.Map<String, Object> execute(List<CellDescription> cells, BiConsumer<Integer, CellResult> onResult) throws InterruptedException {
        ExecutorService pool = shared != null ? shared : Executors.newFixedThreadPool(threads, daemonThreads("plugbench-cells"));
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < cells.size(); i++) {
                int index = i;
                futures.add(pool.submit(() -> onResult.accept(index, resolver.run(cells.get(index), timeout))));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            return java.util.Map.of("executor", "this JVM");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("the harness failed: " + cause.getMessage(), cause);
        } finally {
            if (shared == null) {
                pool.shutdownNow();
            }
        }
    }

    static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
