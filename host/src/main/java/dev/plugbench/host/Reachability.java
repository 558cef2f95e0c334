package dev.plugbench.host;

import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.util.List;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Collects unreachable objects on demand, in a way that options cannot turn off: a full collection
 * through the JVM's diagnostic command ({@code jcmd GC.run}, which {@code -XX:+DisableExplicitGC}
 * does not disable, unlike {@code System.gc()}), then allocation pressure, so that a verdict "still
 * reachable" means reachable, not "no collection ran". Class loaders are only unloaded by full or
 * concurrent collections, never by young ones. Something may hold a loader for a while without
 * keeping it: the JIT compiler holds the class of a method it is compiling until the compilation
 * ends, which takes seconds on a loaded machine; so collection goes on for up to {@link #PATIENCE_MS}
 * while anything is still reachable.
 */
final class Reachability {
    private static final int ROUNDS = 10;
    /** How long collection goes on while a referent is still reachable, once the first rounds are done. */
    private static final long PATIENCE_MS = 3_000;

    private Reachability() {
    }

    /**
     * How many of {@code refs} still hold their referent after at least 10 rounds of collection and
     * {@value #PATIENCE_MS} ms; returns as soon as none does.
     */
    static int stillReachable(List<? extends Reference<?>> refs) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE_MS * 1_000_000L;
        for (int round = 0; refs.stream().anyMatch(r -> r.get() != null) && (round < ROUNDS || System.nanoTime() < deadline); round++) {
            collectNow();
            if (round % 3 == 2) {
                allocate();
            }
            Thread.sleep(Math.min(10L + 5L * round, 100L)); // time for cleaners and compilations to drop what they hold
        }
        return (int) refs.stream().filter(r -> r.get() != null).count();
    }

    /** One full collection, also under {@code -XX:+DisableExplicitGC}. */
    static void collectNow() {
        try {
            ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "gcRun", null, null);
        } catch (JMException | RuntimeException e) {
            System.gc(); // a JVM without the diagnostic commands
        }
    }

    /** Fills a quarter of the free heap with short-lived arrays, which makes the collector run by itself. */
    private static void allocate() {
        Runtime rt = Runtime.getRuntime();
        long budget = Math.min(256L << 20, (rt.maxMemory() - (rt.totalMemory() - rt.freeMemory())) / 4);
        byte[][] keep = new byte[16][];
        for (long done = 0; done < budget; done += 1 << 20) {
            keep[(int) (done >> 20) & 15] = new byte[1 << 20];
        }
        Reference.reachabilityFence(keep);
    }
}
