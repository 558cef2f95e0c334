package dev.plugbench.host;

import java.util.List;

/**
 * The result of a hot-swap drill ({@link HotswapDrill}).
 *
 * @param plugin                   the plugin id
 * @param swaps                    reloads done
 * @param calls                    calls that returned, meanwhile
 * @param failedCalls              calls that threw
 * @param leakedClassLoaders       retired versions (class loaders) still reachable after forced full collections,
 *                                 with the long-lived calling threads still alive (what an application with a thread pool keeps)
 * @param leakedThroughThreadState of those, how many were freed once the long-lived calling threads ended (held by a ThreadLocal)
 * @param survivingThreads         threads started by retired versions that still run, by name
 * @param findings                 what went wrong, each naming its cause and fix; empty when the plugin passed
 * @param minCallsPerSwap          the fewest calls any version received before it was replaced
 * @param swapMsP50                median reload time, milliseconds
 * @param swapMsP99                99th percentile reload time, milliseconds
 * @param maxResidentMb            the most resident memory of this process seen after a swap, MiB (0 where unknown)
 * @param maxLiveCopies            the most private plugin copies on disk at once
 * @param failures                 the first few failed calls' messages
 */
public record DrillReport(String plugin, int swaps, long calls, long failedCalls, int leakedClassLoaders, int leakedThroughThreadState,
                          List<String> survivingThreads, List<String> findings, long minCallsPerSwap, double swapMsP50, double swapMsP99,
                          long maxResidentMb, int maxLiveCopies, List<String> failures) {
    public DrillReport {
        survivingThreads = List.copyOf(survivingThreads);
        findings = List.copyOf(findings);
        failures = List.copyOf(failures);
    }

    /** Whether the plugin passed: no failed or overdue call, no leaked class loader, no surviving thread. */
    public boolean passed() {
        return failedCalls == 0 && leakedClassLoaders == 0 && survivingThreads.isEmpty() && findings.isEmpty();
    }
}
