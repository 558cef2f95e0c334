package dev.plugbench.cli;

import dev.plugbench.api.bench.CellResult;
import dev.plugbench.host.Plugbench;
import dev.plugbench.host.Problem;
import dev.plugbench.harness.TaskResult;
import java.io.PrintWriter;
import java.util.List;

/**
 * The exit status of {@code bench} and {@code demo}, so that scripts and CI see what a person
 * would: 0 every cell ran and no plugin was refused; 1 a usage or run error (message and hint on
 * stderr); 2 an unknown option or a bad value; 3 some cells failed or no task ran (results are
 * written: see the report's failed cells); 4 plugin problems (a refused plugin, a missing plugins
 * folder), printed on stderr with their fixes. The highest applicable status wins. ({@code compare}
 * exits 5 when {@code --fail-on} finds a significant regression; any command exits
 * {@value dev.plugbench.host.ExitGuard#STATUS} when plugin code called {@code System.exit} in process.)
 */
final class ExitCodes {
    static final int OK = 0;
    static final int CELLS_FAILED = 3;
    static final int PLUGIN_PROBLEMS = 4;

    private ExitCodes() {
    }

    /** Prints the host's problems and the failed-cell count on {@code err}; returns the status. */
    static int of(Plugbench host, List<TaskResult> results, PrintWriter err) {
        int code = OK;
        long failed = results.stream().flatMap(r -> r.rows().stream()).filter(CellResult::failed).count();
        if (results.isEmpty()) {
            err.println("plugbench: no task ran (see the skipped tasks above)");
            code = CELLS_FAILED;
        } else if (failed > 0) {
            java.util.Map<String, Long> byMethod = results.stream().flatMap(r -> r.rows().stream()).filter(CellResult::failed)
                    .collect(java.util.stream.Collectors.groupingBy(CellResult::method, java.util.TreeMap::new, java.util.stream.Collectors.counting()));
            err.println("plugbench: " + failed + " cell(s) failed (" + byMethod.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                    .collect(java.util.stream.Collectors.joining(", ")) + "); the reports list them with their reasons");
            code = CELLS_FAILED;
        }
        List<Problem> problems = host.problems();
        if (!problems.isEmpty()) {
            err.println("plugbench: " + problems.size() + " plugin problem(s):");
            problems.forEach(p -> err.println("  " + p));
            code = PLUGIN_PROBLEMS;
        }
        return code;
    }
}
