package dev.plugbench.host;

import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A drill that proves a plugin is safe to hot-swap: threads call each of its methods with small
 * valid inputs while the plugin is reloaded again and again; then every retired class loader must
 * be collectable. A plugin that starts threads, or caches itself in a static of the host or of a
 * shared library, keeps its old loaders alive and is caught here.
 */
public final class HotswapDrill {
    private static final int MAX_FAILURES_KEPT = 5;
    private final Plugbench host;

    public HotswapDrill(Plugbench host) {
        this.host = host;
    }

    /**
     * Runs the drill.
     *
     * @param plugin  a loaded plugin's id, or a path to a plugin file (loaded first if needed)
     * @param swaps   number of reloads (at least 1)
     * @param threads number of calling threads (at least 1)
     */
    public DrillReport run(String plugin, int swaps, int threads) throws InterruptedException {
        if (swaps < 1 || threads < 1) {
            throw new IllegalArgumentException("swaps and threads must be at least 1; got swaps=" + swaps + ", threads=" + threads);
        }
        PluginRuntime runtime = host.runtime();
        String id = resolve(plugin, runtime);
        Path file = runtime.loaded(id).orElseThrow().file();
        List<Class<?>> points = new ArrayList<>();
        List<Object> handles = new ArrayList<>();
        handlesOf(id, points, handles);

        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong calls = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        List<Thread> callers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread caller = new Thread(() -> {
                while (!stop.get()) {
                    for (int i = 0; i < handles.size(); i++) {
                        try {
                            Families.sampleCall(points.get(i), handles.get(i));
                            calls.incrementAndGet();
                        } catch (Throwable e) {
                            failed.incrementAndGet();
                            if (failures.size() < MAX_FAILURES_KEPT) {
                                failures.add(e.getClass().getSimpleName() + ": " + e.getMessage());
                            }
                        }
                    }
                }
            }, "plugbench-drill-caller-" + t);
            caller.start();
            callers.add(caller);
        }

        List<WeakReference<ClassLoader>> retired = new ArrayList<>();
        double[] swapMs = new double[swaps];
        try {
            for (int s = 0; s < swaps; s++) {
                retired.add(runtime.loaded(id).orElseThrow().loader());
                long t0 = System.nanoTime();
                host.reloadPlugin(id, file);
                swapMs[s] = (System.nanoTime() - t0) / 1e6;
                Thread.sleep(5);
            }
        } finally {
            stop.set(true);
            for (Thread c : callers) {
                c.join();
            }
        }
        int leaked = countLeaked(retired);
        Arrays.sort(swapMs);
        return new DrillReport(id, swaps, calls.get(), failed.get(), leaked, percentile(swapMs, 0.50), percentile(swapMs, 0.99), failures);
    }

    /**
     * The handles of a plugin's methods. A separate method so that no binding (which holds the
     * current generation's instances) stays reachable from the drill's frame.
     */
    private void handlesOf(String id, List<Class<?>> points, List<Object> handles) {
        for (MethodBinding b : host.registryView().bindingsOf(id)) {
            points.add(b.extensionPoint());
            handles.add(host.method(b.extensionPoint(), b.info().id()));
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

    /** Retired loaders still reachable after repeated collections. */
    static int countLeaked(List<WeakReference<ClassLoader>> retired) throws InterruptedException {
        for (int round = 0; round < 40 && retired.stream().anyMatch(r -> r.get() != null); round++) {
            System.gc();
            Thread.sleep(25);
        }
        return (int) retired.stream().filter(r -> r.get() != null).count();
    }

    static double percentile(double[] sorted, double q) {
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
