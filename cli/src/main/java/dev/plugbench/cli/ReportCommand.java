package dev.plugbench.cli;

import dev.plugbench.harness.Reports;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code plugbench report DIR}: rebuild every report of a results folder from its stored results. */
@Command(name = "report", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Rebuild the reports of a results folder (bench or demo --out) from its stored results.json files: each task's report.html, "
                + "report.md, results.csv and metric charts, and the folder's index.html and index.md. No cell runs again.")
final class ReportCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "a folder a bench or demo run wrote (its --out)")
    private Path dir;

    @Mixin
    private StatisticsOption statistics;

    @Option(names = "--reference", paramLabel = "METHOD", description = "test every method against this one (default: against the best of each setting and metric)")
    private String reference;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (!Files.isDirectory(dir)) {
            throw new Main.UserError(dir + " is not a folder", "give the --out folder of a bench or demo run");
        }
        List<Path> tasks;
        try {
            tasks = Reports.rebuild(dir, statistics.options().withReference(reference));
        } catch (IllegalArgumentException e) {
            throw new Main.UserError(e.getMessage(), "give the --out folder of a bench or demo run");
        }
        tasks.forEach(t -> out.println("rebuilt " + t.resolve("report.html")));
        out.println("index: " + dir.resolve("index.html"));
        return ExitCodes.OK;
    }
}
