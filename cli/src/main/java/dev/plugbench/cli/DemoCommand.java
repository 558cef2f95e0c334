package dev.plugbench.cli;

import dev.plugbench.host.Plugbench;
import dev.plugbench.harness.Harness;
import dev.plugbench.harness.RunSpec;
import dev.plugbench.harness.TaskResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code plugbench demo}: every family's quick tasks on embedded data, with reports and summary tables. */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = Main.Version.class, description = "Run every family's quick tasks on embedded data (no download), write the reports under "
        + "--out and print the summary tables.")
final class DemoCommand implements Callable<Integer> {
    @Mixin
    private PluginsDirOption plugins;

    @Mixin
    private IsolationOption isolation;

    @Spec
    private CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "plugbench-demo", description = "output directory (default ${DEFAULT-VALUE})")
    private Path out;

    @Option(names = "--seeds", paramLabel = "N", defaultValue = "2", description = "seeds per cell (default ${DEFAULT-VALUE})")
    private int seeds;

    @Option(names = "--threads", paramLabel = "K", defaultValue = "2", description = "cells run in parallel (default ${DEFAULT-VALUE})")
    private int threads;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "0",
            description = "run the cells in N worker JVMs (default 0: in this JVM, on --threads threads)")
    private int workers;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (threads < 1 || workers < 0 || seeds < 1) {
            throw new Main.UserError("--threads and --seeds must be at least 1, --workers at least 0", "for example --threads 2 --workers 2");
        }
        isolation.checkAgainst(workers, null);
        Path dir = plugins.pluginsDir();
        Plugbench.Builder builder = plugins.configure(Plugbench.builder()).pluginsDir(dir);
        try (Plugbench host = builder.build()) {
            java.util.Set<String> isolated = isolation.isolated(host, plugins.trustFile(), workers > 0, false, err);
            Harness harness = new Harness(host);
            ConsoleProgress progress = ConsoleProgress.forStderr(err);
            List<RunSpec> runs = new ArrayList<>();
            for (String family : harness.families()) {
                runs.add(RunSpec.of(family, out.resolve(family)).withQuick(true).withSeeds(seeds).withThreads(threads).withWorkers(workers)
                        .withIsolatedPlugins(isolated));
            }
            List<TaskResult> all = harness.run(runs, progress);
            progress.finish();
            if (all.isEmpty()) {
                throw new Main.UserError("no task ran: no family has both a task and a registered method",
                        "build the plugins (mvn -B verify) or give --plugins DIR; 'plugbench plugins' lists what is loaded");
            }
            BenchCommand.print(all, dev.plugbench.harness.StatisticsOptions.DEFAULT, stdout);
            Path index = dev.plugbench.harness.Reports.writeIndex(out, dev.plugbench.harness.StatisticsOptions.DEFAULT);
            stdout.println("reports under " + out.toAbsolutePath() + "; open " + index.toAbsolutePath());
            RunHistory.record(out, err);
            return ExitCodes.of(host, all, err);
        }
    }
}
