package dev.plugbench.harness;

import dev.plugbench.api.Method;
import dev.plugbench.api.bench.BenchTask;
import dev.plugbench.api.bench.Scale;
import dev.plugbench.host.ContentHash;
import dev.plugbench.host.Plugbench;
import dev.plugbench.host.PluginInfo;
import dev.plugbench.host.RegisteredMethod;
import dev.plugbench.host.Source;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What produces the cells of a task with a method, as the host has them loaded now: the planner
 * stamps cells with it, and an executor checks it before running a cell (a plugin swapped between
 * the two, or a worker JVM with other files, is caught). Task code and dataset hashes are computed
 * once per task and scale.
 */
final class Producers {
    private final Plugbench host;
    private final Map<String, String> taskCode = new ConcurrentHashMap<>();
    private final Map<String, String> datasets = new ConcurrentHashMap<>();

    Producers(Plugbench host) {
        this.host = host;
    }

    <M extends Method> CellDescription.Producer of(BenchTask<M> task, Scale scale, RegisteredMethod<M> m) {
        String sha = m.source() == Source.PF4J
                ? host.plugins().stream().filter(p -> p.id().equals(m.pluginId())).map(PluginInfo::sha256).findFirst().orElse(null)
                : classpathCodeHash(m.pluginId());
        // keyed by the task's class, not its name: a task plugin swapped to a new version is other code
        String key = task.getClass().getName() + "@" + System.identityHashCode(task.getClass());
        String code = taskCode.computeIfAbsent(key, k -> ContentHash.ofPackage(task.getClass()));
        String data = datasets.computeIfAbsent(key + "/" + scale, k -> task.dataset(scale).contentHash());
        return new CellDescription.Producer(m.pluginId(), m.pluginVersion(), sha, code, data);
    }

    /** The code hash of a class-path method: its implementing class's package, or null when the class cannot be found. */
    private static String classpathCodeHash(String className) {
        try {
            return ContentHash.ofPackage(Class.forName(className, false, Producers.class.getClassLoader()));
        } catch (ClassNotFoundException | RuntimeException e) {
            return null;
        }
    }
}
