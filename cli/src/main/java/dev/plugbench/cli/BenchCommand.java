package dev.plugbench.cli;

import dev.plugbench.host.Plugbench;
import dev.plugbench.host.RegisteredMethod;
import dev.plugbench.harness.Harness;
import dev.plugbench.harness.RunSpec;
import dev.plugbench.harness.Shard;
import dev.plugbench.harness.StatisticsOptions;
import dev.plugbench.harness.Sweep;
import dev.plugbench.harness.TaskResult;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code plugbench bench FAMILY}: run a family's tasks and write results, reports and plots. */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = Main.Version.class, description = "Run every method of a family on its tasks (methods x params x settings x seeds) and write "
        + "results.json, results.csv, report.md and plots under --out.")
final class BenchCommand implements Callable<Integer> {
    @Mixin
    private PluginsDirOption plugins;

    @Mixin
    private IsolationOption isolation;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FAMILY", description = "a family id: lwa, latent, attribution, spectral, or any other family on the host (see plugbench plugins)")
    private String family;

    @Option(names = "--task", paramLabel = "T", description = "run only this task")
    private String task;

    @Option(names = "--methods", paramLabel = "a,b", split = ",", description = "run only these method ids")
    private List<String> methods = List.of();

    @Option(names = "--seeds", paramLabel = "N", defaultValue = "3", description = "seeds 0..N-1 (default ${DEFAULT-VALUE})")
    private int seeds;

    @Option(names = "--quick", description = "the small version of each task (smoke runs)")
    private boolean quick;

    @Option(names = "--out", paramLabel = "DIR", description = "output directory (default bench-results/FAMILY)")
    private Path out;

    @Option(names = "--resume", description = "skip cells already completed in --out")
    private boolean resume;

    @Option(names = "--threads", paramLabel = "K", defaultValue = "1", description = "cells run in parallel (default ${DEFAULT-VALUE})")
    private int threads;

    @Option(names = "--cell-timeout", paramLabel = "SECONDS", defaultValue = "600", description = "per-cell time limit (default ${DEFAULT-VALUE})")
    private long cellTimeout;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "0",
            description = "run the cells in N worker JVMs that rebuild the host from the plugin files, verified by hash (default 0: in this JVM)")
    private int workers;

    @Option(names = "--worker-heap", paramLabel = "MB", defaultValue = "1024",
            description = "each worker JVM's Java heap in MiB (default ${DEFAULT-VALUE}); with --workers or --runner")
    private int workerHeapMb;

    @Option(names = "--worker-off-heap", paramLabel = "MB", defaultValue = "4096",
            description = "each worker JVM's cap on ND4J's off-heap arrays in MiB (default ${DEFAULT-VALUE}); with --workers or --runner")
    private int workerOffHeapMb;

    @Option(names = "--runner", paramLabel = "NAME[=ARG]",
            description = "run the cells with a runner on the class path: spark[=MASTER] (plugbench-spark; MASTER local[K], local-cluster[N,C,MB], "
                    + "spark://HOST:PORT, yarn, k8s://...; without it spark-submit's master or local[--threads]); see sdk-docs/cluster.md")
    private String runner;

    @Mixin
    private StatisticsOption statistics;

    @Option(names = "--reference", paramLabel = "METHOD", description = "in the tables, test every method against this one (default: against the best of each setting and metric)")
    private String reference;

    @Option(names = "--param", paramLabel = "[METHOD:]NAME=V1,V2", description = "sweep these values of a parameter (repeatable), instead of the task's own sweep of it; METHOD: for one method only")
    private List<String> params = List.of();

    @Option(names = "--sweep", paramLabel = "FILE", description = "a JSON sweep file: {\"METHOD\" or \"*\": {\"NAME\": [values]}}; --param values replace its values")
    private Path sweepFile;

    @Option(names = "--data", paramLabel = "FILE", description = "run the family's task on your data (lwa, latent): a CSV file (features..., label per row) or IMAGES,LABELS (an IDX pair)")
    private String data;

    @Option(names = "--shard", paramLabel = "I/N", description = "compute only shard I of N of the cells (array jobs; join the shards' --out folders with plugbench merge)")
    private String shard;

    @Option(names = "--baseline", paramLabel = "DIR", description = "after the run, print its comparison against this earlier run (a results folder or results.json; see plugbench compare)")
    private Path baseline;

    @Option(names = "--watch", description = "stay running: when a plugin file changes, reload it, rerun its cells and reprint the table")
    private boolean watch;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (seeds < 1 || threads < 1 || cellTimeout < 1) {
            throw new Main.UserError("--seeds, --threads and --cell-timeout must be at least 1", "for example --seeds 3 --threads 2");
        }
        Path dir = plugins.pluginsDir();
        Plugbench.Builder builder = plugins.configure(Plugbench.builder().watchPluginsDir(watch));
        if (watch && !Files.isDirectory(dir)) {
            throw new Main.UserError("--watch needs a plugins directory; " + dir + " does not exist", "give --plugins DIR");
        }
        builder.pluginsDir(dir); // a missing folder is a problem the host records (exit 4)
        if (out != null && out.toString().isBlank()) {
            throw new Main.UserError("--out is empty", "give a folder for the results, e.g. --out results");
        }
        if (workerHeapMb < 64 || workerOffHeapMb < 64) {
            throw new Main.UserError("--worker-heap and --worker-off-heap must be at least 64 (MiB)", "for example --worker-heap 1024 --worker-off-heap 4096");
        }
        if (runner != null && workers > 0) {
            throw new Main.UserError("give --runner or --workers, not both", "--runner spark=local[2] starts its own worker JVMs on each executor");
        }
        isolation.checkAgainst(workers, runner);
        if (runner != null && (runner.isBlank() || runner.startsWith("="))) {
            throw new Main.UserError("--runner '" + runner + "' names no runner", "for example --runner spark=local[2]");
        }
        RunSpec run = new RunSpec(family, Optional.ofNullable(task), methods, seeds, quick,
                out != null ? out : Path.of("bench-results", family), resume, threads, Duration.ofSeconds(cellTimeout), workers,
                new RunSpec.WorkerMemory(workerHeapMb, workerOffHeapMb), statistics.options().withReference(reference), sweep(), shard(),
                Optional.ofNullable(data), Optional.ofNullable(runner), java.util.Set.of());
        try (Plugbench host = builder.build()) {
            run = run.withIsolatedPlugins(isolation.isolated(host, plugins.trustFile(), workers > 0 || runner != null, data != null, err));
            Harness harness = new Harness(host);
            ConsoleProgress progress = ConsoleProgress.forStderr(err);
            List<TaskResult> results;
            try {
                results = harness.run(run, progress);
            } catch (IllegalArgumentException e) {
                String m = e.getMessage();
                throw new Main.UserError(m, m.startsWith("no runner") ? "see sdk-docs/cluster.md" : m.startsWith("--data") ? "a CSV row is the features then an integer label 0..K-1, every class with 10 rows "
                        + "or more; see sdk-docs/harness.md" : m.startsWith("the sweep") ? "'plugbench plugins --json' lists each method's parameters "
                        + "and their domains" : "run 'plugbench plugins' to see the registered methods");
            } finally {
                progress.finish();
            }
            print(results, run.statistics(), stdout);
            if (shard == null) {
                RunHistory.record(run.out(), err); // a shard is a part of a run: its merge is recorded
            }
            int code = ExitCodes.of(host, results, err);
            if (baseline != null) {
                stdout.println(CompareCommand.compare(baseline, run.out(), run.statistics()).markdown());
            }
            if (watch) {
                watch(host, harness, run, progress, stdout, err);
            }
            return code;
        }
    }

    private Shard shard() {
        try {
            return shard == null ? Shard.ALL : Shard.parse(shard);
        } catch (IllegalArgumentException e) {
            throw new Main.UserError(e.getMessage(), "for example --shard 1/4 in the first of four array jobs, --shard 4/4 in the last");
        }
    }

    private Sweep sweep() {
        try {
            Sweep fromFile = sweepFile == null ? Sweep.NONE : Sweep.read(sweepFile);
            return fromFile.and(Sweep.parse(params));
        } catch (IllegalArgumentException e) {
            throw new Main.UserError(e.getMessage(), "for example --param sparsity=1,2,4, or a sweep file {\"*\": {\"sparsity\": [1, 2, 4]}}");
        }
    }

    static void print(List<TaskResult> results, StatisticsOptions options, PrintWriter out) {
        for (TaskResult r : results) {
            out.println(Harness.table(r, options));
            long failed = r.rows().stream().filter(c -> c.failed()).count();
            out.println("(" + r.rows().size() + " cells, " + failed + " failed; report: " + r.directory().resolve("report.html") + ", "
                    + r.directory().resolve("report.md") + ")");
            out.println();
        }
    }

    /** A copy of every results.json under {@code out} (the previous version's results), or null when there is none. */
    private static Path snapshot(Path out) {
        try (java.util.stream.Stream<Path> files = Files.walk(out, 3)) {
            List<Path> results = files.filter(p -> p.getFileName().toString().equals("results.json")).toList();
            if (results.isEmpty()) {
                return null;
            }
            Path copy = Files.createTempDirectory("plugbench-previous");
            copy.toFile().deleteOnExit();
            for (Path r : results) {
                Path target = copy.resolve(out.relativize(r));
                Files.createDirectories(target.getParent());
                Files.copy(r, target);
            }
            return copy;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private void watch(Plugbench host, Harness harness, RunSpec run, ConsoleProgress progress, PrintWriter out, PrintWriter err)
            throws InterruptedException {
        err.println("watching " + plugins.pluginsDir() + " for plugin changes (Ctrl-C to stop)");
        host.onProblem(p -> err.println("refused: " + p.message() + "\n  fix: " + p.fix()));
        host.onPluginChanged(pluginId -> {
            err.println(host.plugins().stream().filter(p -> p.id().equals(pluginId)).findFirst()
                    .map(p -> "plugin '" + p.id() + "' " + p.version() + " is loaded from " + p.file())
                    .orElse("plugin '" + pluginId + "' is unloaded (its file was removed)"));
            Set<String> ids = host.allMethods().stream().filter(m -> m.family().equals(family) && m.pluginId().equals(pluginId))
                    .map(RegisteredMethod::id).collect(Collectors.toSet());
            if (ids.isEmpty()) {
                return;
            }
            err.println("plugin '" + pluginId + "' changed: rerunning " + ids);
            try {
                Path previous = snapshot(run.out());
                print(harness.rerun(run, ids, progress), run.statistics(), out);
                if (previous != null) {
                    out.println("Against the previous version (A = before the reload, B = after):");
                    out.println(CompareCommand.compare(previous, run.out(), run.statistics()).only(ids).markdown());
                }
            } catch (RuntimeException e) {
                err.println("plugbench: the rerun failed: " + e.getMessage());
            } finally {
                progress.finish();
            }
        });
        Thread.currentThread().join();
    }
}
