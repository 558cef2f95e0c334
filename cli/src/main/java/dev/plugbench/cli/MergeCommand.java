package dev.plugbench.cli;

import dev.plugbench.harness.ShardMerge;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code plugbench merge --out DIR SHARD...}: join the folders of a sharded run into one. */
@Command(name = "merge", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Join the --out folders of a run's shards (bench --shard I/N) into one folder, equal to a run of all cells: results, reports, "
                + "plots and cell files. Refused, naming what differs, unless the shards agree on task, seeds, plugin versions and hashes, dataset, "
                + "versions, numeric threads and BLAS kernel, and together hold every cell.")
final class MergeCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "SHARD", arity = "2..*", description = "the shards' --out folders")
    private List<Path> shards;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "the merged folder")
    private Path out;

    @Mixin
    private StatisticsOption statistics;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        List<Path> merged;
        try {
            merged = ShardMerge.merge(shards, out, statistics.options());
        } catch (IllegalArgumentException e) {
            throw new Main.UserError(e.getMessage(), "merge the folders of one bench run's shards, all finished (bench --shard I/N --resume finishes one)");
        }
        merged.forEach(d -> stdout.println("merged " + d.resolve("results.json")));
        stdout.println("index: " + out.resolve("index.html"));
        RunHistory.record(out, spec.commandLine().getErr());
        return ExitCodes.OK;
    }
}
