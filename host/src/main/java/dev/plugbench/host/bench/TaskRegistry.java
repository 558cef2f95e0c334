package dev.plugbench.host.bench;

import dev.plugbench.api.bench.BenchTask;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/** The benchmark tasks on the classpath, found with ServiceLoader. A duplicate (family, name) is an error. */
final class TaskRegistry {
    private final List<BenchTask<?>> tasks;

    TaskRegistry(ClassLoader loader) {
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
        found.sort(Comparator.comparing((BenchTask<?> t) -> t.family()).thenComparing(BenchTask::name));
        this.tasks = List.copyOf(found);
    }

    List<BenchTask<?>> all() {
        return tasks;
    }

    List<BenchTask<?>> of(String family) {
        return tasks.stream().filter(t -> t.family().equals(family)).toList();
    }
}
