package dev.plugbench.cli;

import dev.plugbench.harness.RunComparison;
import dev.plugbench.harness.StatisticsOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code plugbench compare A B}: run B against run A, paired by seed, with a verdict per row and an optional regression gate. */
@Command(name = "compare", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Compare run B against run A (two plugin versions, two commits, two machines): per task, method, setting and metric the paired "
                + "difference over the seeds both completed, its 95% interval, a Holm-corrected p-value and a verdict (better, worse, within noise, identical).",
        footer = {"", "Exit status: 0 compared (and no regression under --fail-on); 1 an unreadable or unrelated input; 2 a bad option; "
                + "5 --fail-on found a significant regression."})
final class CompareCommand implements Callable<Integer> {
    static final int REGRESSION = 5;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "A", description = "the earlier run: a results folder (bench or demo --out), a task folder, or a results.json")
    private Path a;

    @Parameters(index = "1", paramLabel = "B", description = "the later run, the same way")
    private Path b;

    @Mixin
    private StatisticsOption statistics;

    @Option(names = "--fail-on", paramLabel = "regression[:METRIC]",
            description = "exit with status 5 when some method got significantly worse in a ranked metric (or in METRIC only); descriptive metrics such as timings never gate")
    private String failOn;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<String> gateMetric = Optional.empty();
        if (failOn != null) {
            if (!failOn.equals("regression") && !failOn.startsWith("regression:")) {
                throw new Main.UserError("--fail-on '" + failOn + "' is not understood", "use --fail-on regression, or --fail-on regression:METRIC (e.g. regression:kendall_tau)");
            }
            if (failOn.startsWith("regression:")) {
                gateMetric = Optional.of(failOn.substring("regression:".length()));
            }
        }
        RunComparison c = compare(a, b, statistics.options());
        out.println(c.markdown());
        if (failOn == null) {
            return ExitCodes.OK;
        }
        List<RunComparison.Row> worse;
        try {
            worse = c.regressions(gateMetric);
        } catch (IllegalArgumentException e) {
            throw new Main.UserError(e.getMessage(), "name a ranked metric of the task (the report lists each metric's direction)");
        }
        if (worse.isEmpty()) {
            err.println("plugbench: no significant regression" + gateMetric.map(m -> " in " + m).orElse(""));
            return ExitCodes.OK;
        }
        err.println("plugbench: " + worse.size() + " significant regression(s):");
        worse.forEach(r -> err.println("  " + r.describe()));
        return REGRESSION;
    }

    static RunComparison compare(Path a, Path b, StatisticsOptions options) {
        try {
            return RunComparison.of(a, b, options);
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            throw new Main.UserError(e.getMessage(), "give two folders written by 'plugbench bench --out DIR' (or 'demo'), or two results.json files");
        }
    }
}
