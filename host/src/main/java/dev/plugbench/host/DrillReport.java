package dev.plugbench.host;

import java.util.List;

/**
 * The result of a hot-swap drill.
 *
 * @param plugin             the plugin id
 * @param swaps              reloads done
 * @param calls              calls made to the plugin's methods meanwhile
 * @param failedCalls        calls that threw
 * @param leakedClassLoaders retired class loaders still reachable after garbage collection
 * @param swapMsP50          median reload time, milliseconds
 * @param swapMsP99          99th percentile reload time, milliseconds
 * @param failures           the first few failure messages
 */
public record DrillReport(String plugin, int swaps, long calls, long failedCalls, int leakedClassLoaders,
                          double swapMsP50, double swapMsP99, List<String> failures) {
    public DrillReport {
        failures = List.copyOf(failures);
    }

    /** Whether the plugin passed: no failed call and no leaked class loader. */
    public boolean passed() {
        return failedCalls == 0 && leakedClassLoaders == 0;
    }
}
