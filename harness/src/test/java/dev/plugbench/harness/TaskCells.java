package dev.plugbench.harness;

import dev.plugbench.api.Method;
import dev.plugbench.api.Params;
import dev.plugbench.api.bench.BenchTask;
import dev.plugbench.api.bench.CellContext;
import dev.plugbench.api.bench.CellOutput;
import dev.plugbench.api.bench.Scale;
import dev.plugbench.api.bench.Setting;
import java.util.List;
import java.util.Map;

/** One cell of a task, as the harness would run it, for the family task tests. */
public final class TaskCells {
    private TaskCells() {
    }

    /** The task's setting of that name at that scale (failing the test if there is none). */
    public static Setting setting(BenchTask<?> task, String name, boolean quick) {
        return task.settings(Scale.of(quick)).stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("task " + task.name() + " has no setting " + name));
    }

    /** The cell's output. */
    public static <M extends Method> CellOutput output(BenchTask<M> task, M method, Params params, String setting, long seed, boolean quick) {
        return task.run(method, new CellContext(params, setting(task, setting, quick), seed, Scale.of(quick)));
    }

    /** The cell's metrics. */
    public static <M extends Method> Map<String, Double> run(BenchTask<M> task, M method, Params params, String setting, long seed, boolean quick) {
        return output(task, method, params, setting, seed, quick).metrics();
    }

    /** The names of the task's settings. */
    public static List<String> settingNames(BenchTask<?> task, boolean quick) {
        return task.settings(Scale.of(quick)).stream().map(Setting::name).toList();
    }
}
