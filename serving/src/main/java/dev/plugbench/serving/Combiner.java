package dev.plugbench.serving;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Dynamic batching for one method, as model servers do it: requests that arrive while a batch is
 * being decided wait, and the next thread to decide takes all of them (up to {@link #MAX_ROWS}
 * rows) as one batch. Deciding costs about the same for 1 row as for 500 (it is the per-call
 * overhead of a few dozen array operations), so concurrent single-row requests share it. Flat
 * combining: no thread of its own; whoever holds the lock decides for everyone queued. One batch is
 * decided by one served rule, so each request's rows still come from exactly one version.
 */
final class Combiner {
    /** Rows decided together at most. */
    static final int MAX_ROWS = 1024;
    /** A waiter is woken when its rows are decided or the lock is free; this is only the safety net. */
    private static final long WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Supplier<ServedRule> current;
    private final int width;

    Combiner(Supplier<ServedRule> current, int width) {
        this.current = current;
        this.width = width;
    }

    /** One request: its rows, and its answer or failure once decided. */
    private static final class Pending {
        final double[] rows;
        final int n;
        final Thread waiter = Thread.currentThread();
        volatile DecisionBatch result;
        volatile RuntimeException failure;

        Pending(double[] rows, int n) {
            this.rows = rows;
            this.n = n;
        }

        boolean done() {
            return result != null || failure != null;
        }
    }

    /** Decides {@code n} rows ({@code rows} row-major, {@code width} values each), in a batch with whatever else is waiting. */
    DecisionBatch decide(double[] rows, int n) {
        Pending mine = new Pending(rows, n);
        queue.add(mine);
        while (!mine.done()) {
            if (lock.tryLock()) {
                try {
                    while (!mine.done()) {
                        decideQueued();
                    }
                } finally {
                    lock.unlock();
                }
                Pending next = queue.peek();
                if (next != null) {
                    LockSupport.unpark(next.waiter); // someone is left: let it take over at once
                }
            } else {
                LockSupport.parkNanos(this, WAIT_NANOS);
            }
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
        return mine.result;
    }

    /** Takes the queued requests (up to MAX_ROWS rows, at least one request) and decides them as one batch with one rule. */
    private void decideQueued() {
        List<Pending> batch = new ArrayList<>();
        int rows = 0;
        for (Pending p = queue.peek(); p != null && (batch.isEmpty() || rows + p.n <= MAX_ROWS); p = queue.peek()) {
            batch.add(queue.poll());
            rows += p.n;
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            double[] all;
            if (batch.size() == 1) {
                all = batch.get(0).rows;
            } else {
                all = new double[rows * width];
                int at = 0;
                for (Pending p : batch) {
                    System.arraycopy(p.rows, 0, all, at, p.n * width);
                    at += p.n * width;
                }
            }
            DecisionBatch d = current.get().decide(Nd4j.createFromArray(all).reshape(rows, width));
            int from = 0;
            for (Pending p : batch) {
                p.result = d.slice(from, p.n);
                from += p.n;
                LockSupport.unpark(p.waiter);
            }
        } catch (RuntimeException e) {
            for (Pending p : batch) {
                p.failure = e;
                LockSupport.unpark(p.waiter);
            }
        }
    }
}
