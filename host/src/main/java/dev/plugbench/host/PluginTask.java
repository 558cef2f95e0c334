package dev.plugbench.host;

import dev.plugbench.api.bench.BenchTask;

/**
 * A benchmark task a PF4J plugin provides: a benchmarker ships a task (its data, settings and
 * metrics) as a plugin file, without a new host build. Listed in {@link Plugbench#pluginTasks()};
 * the harness runs it as it runs the host's own tasks.
 *
 * @param pluginId      the plugin that provides it
 * @param pluginVersion that plugin's version
 * @param task          the task
 */
public record PluginTask(String pluginId, String pluginVersion, BenchTask<?> task) {
    /** "family/name", the task's identity. */
    public String key() {
        return task.family() + "/" + task.name();
    }
}
