package dev.plugbench.harness;

import dev.plugbench.api.bench.BenchTask;
import dev.plugbench.host.Plugbench;
import dev.plugbench.host.PluginTask;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The benchmark tasks: those on the class path, found with ServiceLoader, and those the host's
 * loaded plugins provide (asked for on every call, so a plugin loaded or swapped since is seen). A
 * duplicate (family, name) on the class path is an error; the host refuses a plugin task that
 * repeats one, with a problem.
 */
final class TaskRegistry {
    private final List<BenchTask<?>> classpath;
    private final Plugbench host;
    /** Tasks made for a run (a user's data set), by family/name. */
    private final java.util.Map<String, BenchTask<?>> runTasks = new java.util.concurrent.ConcurrentHashMap<>();

    TaskRegistry(ClassLoader loader) {
        this(loader, null);
    }

    TaskRegistry(ClassLoader loader, Plugbench host) {
        List<BenchTask<?>> found = new ArrayList<>();
        for (BenchTask<?> t : ServiceLoader.load(BenchTask.class, loader)) {
            for (BenchTask<?> other : found) {
                if (other.family().equals(t.family()) && other.name().equals(t.name())) {
                    throw new IllegalStateException("two benchmark tasks are named " + t.family() + "/" + t.name() + ": "
                            + other.getClass().getName() + " and " + t.getClass().getName());
                }
            }
            found.add(t);
        }
        this.classpath = List.copyOf(found);
        this.host = host;
    }

    /** Adds a task made for a run; the one already known under its family and name is kept and returned. */
    BenchTask<?> addRunTask(BenchTask<?> task) {
        String key = task.family() + "/" + task.name();
        if (classpath.stream().anyMatch(t -> (t.family() + "/" + t.name()).equals(key))) {
            throw new IllegalArgumentException("the data set's task would be named " + key + ", as a task of the host: rename the file");
        }
        return runTasks.computeIfAbsent(key, k -> task);
    }

    List<BenchTask<?>> all() {
        List<BenchTask<?>> all = new ArrayList<>(classpath);
        all.addAll(runTasks.values());
        if (host != null) {
            for (PluginTask p : host.pluginTasks()) {
                if (all.stream().noneMatch(t -> t.family().equals(p.task().family()) && t.name().equals(p.task().name()))) {
                    all.add(p.task());
                }
            }
        }
        all.sort(Comparator.comparing((BenchTask<?> t) -> t.family()).thenComparing(BenchTask::name));
        return all;
    }

    List<BenchTask<?>> of(String family) {
        return all().stream().filter(t -> t.family().equals(family)).toList();
    }

    /** The task of this family and name, if there is one. */
    java.util.Optional<BenchTask<?>> find(String family, String name) {
        return of(family).stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** The metrics of the class path's tasks by (family, task), null for a task not here: how version-1 results files get their directions. */
    static java.util.function.BiFunction<String, String, List<dev.plugbench.api.MetricSpec>> classpathMetrics() {
        TaskRegistry tasks = new TaskRegistry(TaskRegistry.class.getClassLoader());
        return (family, task) -> tasks.find(family, task).<List<dev.plugbench.api.MetricSpec>>map(BenchTask::metrics).orElse(null);
    }
}
