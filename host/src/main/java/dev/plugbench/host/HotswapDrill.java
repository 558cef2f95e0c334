package dev.plugbench.host;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A drill that proves a plugin is safe to hot-swap, and that a plugin cannot fool: threads call
 * each of its methods with small valid inputs while the plugin is reloaded again and again.
 * <ul>
 *   <li>Calls come from long-lived threads (alive for the whole drill, like an application's pool,
 *       where a plugin's ThreadLocal would stay) and from a fresh thread each swap; every swap waits
 *       for {@code callsPerSwap} calls to the new version before the next one.</li>
 *   <li>Every call has a time limit: a call that does not return in time ends the drill with the
 *       method and thread named, instead of hanging it.</li>
 *   <li>Leaks are judged by reachability: retired class loaders are weakly referenced and full
 *       collections are forced through the JVM's diagnostic command, plus allocation pressure, so
 *       {@code -XX:+DisableExplicitGC} neither hides nor invents a leak. A leak is then traced to
 *       its holder: copies freed only when the long-lived callers end were held by per-thread state
 *       (a ThreadLocal); copies still held after that, by a static outside the plugin or by a thread
 *       the plugin left running, which is named.</li>
 * </ul>
 */
public final class HotswapDrill {
    private static final int MAX_FAILURES_KEPT = 5;
    private final Plugbench host;

    /**
     * What the drill does.
     *
     * @param swaps        reloads (at least 1)
     * @param threads      long-lived calling threads (at least 1); one fresh thread per swap is added
     * @param callsPerSwap calls to each new version before the next reload (at least 1)
     * @param callTimeout  the longest a single call may take
     */
    public record Options(int swaps, int threads, int callsPerSwap, Duration callTimeout) {
        public Options {
            if (swaps < 1 || threads < 1 || callsPerSwap < 1) {
                throw new IllegalArgumentException("swaps, threads and callsPerSwap must be at least 1; got swaps=" + swaps
                        + ", threads=" + threads + ", callsPerSwap=" + callsPerSwap);
            }
            if (callTimeout.isNegative() || callTimeout.isZero()) {
                throw new IllegalArgumentException("callTimeout must be positive; got " + callTimeout);
            }
        }

        /** {@code swaps} reloads, {@code threads} long-lived callers, 20 calls per swap, 30 s per call. */
        public static Options of(int swaps, int threads) {
            return new Options(swaps, threads, 20, Duration.ofSeconds(30));
        }
    }

    public HotswapDrill(Plugbench host) {
        this.host = host;
    }

    /** Runs the drill with {@link Options#of(int, int)}. */
    public DrillReport run(String plugin, int swaps, int threads) throws InterruptedException {
        return run(plugin, Options.of(swaps, threads));
    }

    /**
     * Runs the drill.
     *
     * @param plugin a loaded plugin's id, or a path to a plugin file (loaded first if needed)
     */
    public DrillReport run(String plugin, Options options) throws InterruptedException {
        PluginRuntime runtime = host.runtime();
        String id = resolve(plugin, runtime);
        Path file = runtime.loaded(id).orElseThrow().file();
        List<Class<?>> points = new ArrayList<>();
        List<Object> handles = new ArrayList<>();
        List<String> names = new ArrayList<>();
        handlesOf(id, points, handles, names);
        Calls calls = new Calls(points, handles, names, options.threads() + 1);

        CountDownLatch release = new CountDownLatch(1);
        List<Thread> longLived = new ArrayList<>();
        for (int t = 0; t < options.threads(); t++) {
            int slot = t;
            Thread caller = new Thread(() -> {
                while (!calls.stop.get()) {
                    calls.round(slot);
                }
                awaitQuietly(release); // stays alive, with whatever per-thread state the plugin left on it, until the leak check
            }, "plugbench-drill-long-lived-" + t);
            caller.setDaemon(true); // a hung call must not keep the JVM alive
            caller.start();
            longLived.add(caller);
        }

        List<WeakReference<ClassLoader>> retired = new ArrayList<>();
        double[] swapMs = new double[options.swaps()];
        long minCalls = Long.MAX_VALUE;
        long maxRssMb = residentMb();
        int maxLiveCopies = host.shadowCopies().liveCopies();
        String hung = null;
        int done = 0;
        try {
            // the first version gets its calls too, before it is replaced
            while (hung == null && calls.attempts.get() < options.callsPerSwap()) {
                Thread.sleep(1);
                hung = calls.overdue(options.callTimeout());
            }
            for (; done < options.swaps() && hung == null; done++) {
                retired.add(runtime.loaded(id).orElseThrow().loader());
                long t0 = System.nanoTime();
                host.reloadPlugin(id, file);
                swapMs[done] = (System.nanoTime() - t0) / 1e6;
                long before = calls.attempts.get();
                Thread fresh = new Thread(() -> calls.round(options.threads()), "plugbench-drill-fresh-" + done);
                fresh.setDaemon(true);
                fresh.start();
                while (hung == null && (calls.attempts.get() - before < options.callsPerSwap() || fresh.isAlive())) {
                    fresh.join(2);
                    hung = calls.overdue(options.callTimeout());
                }
                minCalls = Math.min(minCalls, calls.attempts.get() - before);
                maxRssMb = Math.max(maxRssMb, residentMb());
                maxLiveCopies = Math.max(maxLiveCopies, host.shadowCopies().liveCopies());
            }
        } catch (RuntimeException | Error | InterruptedException e) {
            release.countDown(); // a refused reload ends the drill: the long-lived callers must not wait forever
            throw e;
        } finally {
            calls.stop.set(true);
        }
        while (hung == null && calls.busy()) {
            Thread.sleep(1); // the last calls end quickly, or run past their limit
            hung = calls.overdue(options.callTimeout());
        }
        List<String> findings = new ArrayList<>();
        if (hung != null) {
            findings.add(hung + "; the drill stopped after " + done + " swaps (a method must return, or fail, within its time limit)");
            calls.interruptCallers();
            release.countDown();
            Arrays.sort(swapMs, 0, done);
            return new DrillReport(id, done, calls.succeeded.get(), calls.failed.get(), 0, 0, List.of(), findings,
                    0, percentile(swapMs, done, 0.50), percentile(swapMs, done, 0.99), maxRssMb, maxLiveCopies, calls.failures);
        }

        List<String> surviving = PluginThreads.of(retired).stream().map(PluginThreads::describe).toList();
        int leakedWhileCallersLive = Reachability.stillReachable(retired);
        release.countDown();
        for (Thread c : longLived) {
            c.join();
        }
        int leaked = Reachability.stillReachable(retired);
        int threadBound = leakedWhileCallersLive - leaked;
        if (threadBound > 0) {
            findings.add(threadBound + " of " + retired.size() + " retired versions stayed in memory until the long-lived calling threads ended: "
                    + "the plugin keeps per-thread state (a ThreadLocal, or a cache keyed by thread) on the threads that call it; "
                    + "remove it, or clear it before each call returns");
        }
        if (!surviving.isEmpty()) {
            findings.add("threads started by retired versions still run after their unload: " + String.join(", ", surviving)
                    + "; stop them in Plugin.stop(), or let them end when interrupted");
        }
        if (leaked > 0 && surviving.isEmpty()) {
            findings.add(leaked + " of " + retired.size() + " retired versions stay in memory after every calling thread ended and no thread of "
                    + "theirs runs: something outside the plugin holds them (a static of the host or of a shared library, a JDK registry "
                    + "such as System properties, a shutdown hook or a logging handler); unregister it in Plugin.stop()");
        }
        Arrays.sort(swapMs);
        return new DrillReport(id, done, calls.succeeded.get(), calls.failed.get(), leakedWhileCallersLive, threadBound, surviving, findings,
                minCalls, percentile(swapMs, done, 0.50), percentile(swapMs, done, 0.99), maxRssMb, maxLiveCopies, calls.failures);
    }

    /** The calls the drill makes, with what each calling slot is doing now (for the time limit). */
    private static final class Calls {
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicLong attempts = new AtomicLong();
        final AtomicLong succeeded = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final List<String> failures = Collections.synchronizedList(new ArrayList<>());
        private final List<Class<?>> points;
        private final List<Object> handles;
        private final List<String> names;
        /** Per slot: when its current call started (System.nanoTime), 0 when idle. */
        private final AtomicLongArray since;
        private final String[] calling;
        private final Thread[] threads;

        Calls(List<Class<?>> points, List<Object> handles, List<String> names, int slots) {
            this.points = points;
            this.handles = handles;
            this.names = names;
            this.since = new AtomicLongArray(slots);
            this.calling = new String[slots];
            this.threads = new Thread[slots];
        }

        /** One call to each method, from slot {@code slot}. */
        void round(int slot) {
            threads[slot] = Thread.currentThread();
            for (int i = 0; i < handles.size() && !stop.get(); i++) {
                calling[slot] = names.get(i);
                since.set(slot, System.nanoTime());
                try {
                    Families.sampleCall(points.get(i), handles.get(i));
                    succeeded.incrementAndGet();
                } catch (Throwable e) {
                    failed.incrementAndGet();
                    if (failures.size() < MAX_FAILURES_KEPT) {
                        failures.add(names.get(i) + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
                    }
                } finally {
                    since.set(slot, 0);
                    attempts.incrementAndGet();
                }
            }
        }

        /** Interrupts the calling threads (a method that honours interrupts then returns; the others are left, as daemons). */
        void interruptCallers() {
            for (Thread t : threads) {
                if (t != null) {
                    t.interrupt();
                }
            }
        }

        /** Whether a call is running now. */
        boolean busy() {
            for (int s = 0; s < since.length(); s++) {
                if (since.get(s) != 0) {
                    return true;
                }
            }
            return false;
        }

        /** A description of a call running longer than {@code limit}, or null. */
        String overdue(Duration limit) {
            long now = System.nanoTime();
            for (int s = 0; s < since.length(); s++) {
                long started = since.get(s);
                if (started != 0 && now - started > limit.toNanos()) {
                    return "a call to " + calling[s] + " did not return within " + limit.toMillis() + " ms (thread '" + threads[s].getName() + "')";
                }
            }
            return null;
        }
    }

    /**
     * The handles of a plugin's methods. A separate method so that no binding (which holds the
     * current generation's instances) stays reachable from the drill's frame.
     */
    private void handlesOf(String id, List<Class<?>> points, List<Object> handles, List<String> names) {
        for (MethodBinding b : host.registryView().bindingsOf(id)) {
            points.add(b.extensionPoint());
            handles.add(host.method(b.extensionPoint(), b.info().id()));
            names.add(b.info().family() + "/" + b.info().id());
        }
        if (handles.isEmpty()) {
            throw new PluginOperationException("plugin '" + id + "' exposes no method to call; see 'plugbench plugins' for its problems");
        }
    }

    private String resolve(String plugin, PluginRuntime runtime) {
        if (runtime.loaded(plugin).isPresent()) {
            return plugin;
        }
        Path path = Path.of(plugin);
        if (Files.exists(path)) {
            return runtime.idOfFile(path).orElseGet(() -> host.loadPlugin(path).id());
        }
        throw new PluginOperationException("'" + plugin + "' is neither a loaded plugin id nor a plugin file; loaded: "
                + host.plugins().stream().map(PluginInfo::id).toList());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** This process's resident memory in MiB (from /proc/self/status), 0 where that is not available. */
    static long residentMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    static double percentile(double[] sorted, int n, double q) {
        if (n == 0) {
            return 0;
        }
        int i = (int) Math.ceil(q * n) - 1;
        return sorted[Math.max(0, Math.min(n - 1, i))];
    }
}
