package dev.plugbench.harness;

import java.util.function.Consumer;
import org.bytedeco.javacpp.Pointer;

/**
 * A worker JVM's cap on its resident memory: ND4J's arrays are native memory that JavaCPP's own
 * per-allocation check (maxphysicalbytes) would guard by reading /proc on every allocation, which
 * slowed cells by 30%. This watch reads it ten times a second instead. Past the cap (the resident
 * size when the worker was ready, plus the heap cap and the off-heap cap), it first collects the
 * heap, which frees the native memory of arrays nobody holds, as JavaCPP does; a worker still past
 * the cap after that hoards, and {@code onExceeded} ends it with a message that says so.
 */
final class ResidentWatch {
    private static final long PERIOD_MILLIS = 100;
    private static final int COLLECTIONS_BEFORE_GIVING_UP = 3;

    private ResidentWatch() {
    }

    /** Starts the watch on a daemon thread, with the cap measured now; nothing where /proc is not there. */
    static void start(Consumer<String> onExceeded) {
        long pid = ProcessHandle.current().pid();
        long ready = ResidentSize.of(pid).orElse(-1L);
        if (ready < 0) {
            return;
        }
        long heap = Runtime.getRuntime().maxMemory();
        long offHeap = Pointer.maxBytes();
        long cap = ready + heap + offHeap;
        Thread watch = new Thread(() -> {
            int collections = 0;
            while (true) {
                try {
                    Thread.sleep(PERIOD_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
                long resident = ResidentSize.of(pid).orElse(0L);
                if (resident <= cap) {
                    collections = 0;
                } else if (collections < COLLECTIONS_BEFORE_GIVING_UP) {
                    collections++;
                    System.gc(); // frees the native memory of unreachable arrays (JavaCPP's deallocators run)
                } else {
                    onExceeded.accept("OutOfMemory: the worker JVM's resident memory stayed at " + resident / ResidentSize.MIB
                            + " MiB after " + COLLECTIONS_BEFORE_GIVING_UP + " collections, past its cap of " + cap / ResidentSize.MIB
                            + " MiB (its size when ready, plus --worker-heap " + heap / ResidentSize.MIB + " and --worker-off-heap "
                            + offHeap / ResidentSize.MIB + " MiB); the worker was ended");
                    return;
                }
            }
        }, "plugbench-resident-watch");
        watch.setDaemon(true);
        watch.start();
    }
}
