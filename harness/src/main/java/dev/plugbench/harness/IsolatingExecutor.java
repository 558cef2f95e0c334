package dev.plugbench.harness;

import dev.plugbench.api.bench.CellResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.BiConsumer;

/**
 * Runs the cells of the plugins nobody vetted in worker JVMs and every other cell in this JVM, both
 * at once: the run's default when some of its plugins are not trusted ({@link RunSpec#isolatedPlugins()}).
 * What such a plugin does (exits the JVM, spins, hoards memory) fails its own cells only; the
 * project's and the trusted plugins run here, at no cost. The provenance records, for each plugin
 * that took part, where its cells ran.
 */
final class IsolatingExecutor implements CellExecutor {
    private final CellExecutor here;
    private final CellExecutor workers;
    /** Each method's plugin ("the class path" for a class-path method). */
    private final Map<String, String> pluginOfMethod;
    private final Set<String> isolatedPlugins;

    IsolatingExecutor(CellExecutor here, CellExecutor workers, Map<String, String> pluginOfMethod, Set<String> isolatedPlugins) {
        this.here = here;
        this.workers = workers;
        this.pluginOfMethod = Map.copyOf(pluginOfMethod);
        this.isolatedPlugins = Set.copyOf(isolatedPlugins);
    }

    @Override
    public Map<String, Object> execute(List<CellDescription> cells, BiConsumer<Integer, CellResult> onResult) throws InterruptedException {
        List<Integer> mine = new ArrayList<>();
        List<Integer> theirs = new ArrayList<>();
        Map<String, String> where = new TreeMap<>();
        for (int i = 0; i < cells.size(); i++) {
            String plugin = pluginOfMethod.getOrDefault(cells.get(i).method(), "the class path");
            boolean isolated = isolatedPlugins.contains(plugin);
            (isolated ? theirs : mine).add(i);
            where.put(plugin, isolated ? "worker JVMs" : "this JVM");
        }
        FutureTask<Map<String, Object>> outside = new FutureTask<>(() -> part(workers, cells, theirs, onResult));
        Thread feeder = new Thread(outside, "plugbench-isolated-cells");
        feeder.setDaemon(true);
        feeder.start();
        Map<String, Object> inside;
        try {
            inside = part(here, cells, mine, onResult);
        } finally {
            feeder.join();
        }
        Map<String, Object> outsideWhere;
        try {
            outsideWhere = outside.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("the harness failed: " + e.getCause().getMessage(), e.getCause());
        }
        Map<String, Object> p = new LinkedHashMap<>(outsideWhere);
        p.put("executor", theirs.isEmpty() ? inside.get("executor") : mine.isEmpty() ? outsideWhere.get("executor")
                : inside.get("executor") + " and " + outsideWhere.get("executor") + " (the plugins not trusted)");
        p.put("plugins_where", where);
        return p;
    }

    private static Map<String, Object> part(CellExecutor executor, List<CellDescription> cells, List<Integer> indices,
                                            BiConsumer<Integer, CellResult> onResult) throws InterruptedException {
        if (indices.isEmpty()) {
            return Map.of();
        }
        List<CellDescription> part = indices.stream().map(cells::get).toList();
        return executor.execute(part, (k, row) -> onResult.accept(indices.get(k), row));
    }

    /** Closes the in-process part; the worker pool belongs to the run (it serves every spec of it). */
    @Override
    public void close() {
        here.close();
    }
}
