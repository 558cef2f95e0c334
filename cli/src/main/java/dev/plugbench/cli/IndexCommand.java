package dev.plugbench.cli;

import dev.plugbench.results.ResultsIndex;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code plugbench index [DIR]}: bring a results index in line with its run folders. */
@Command(name = "index", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Index the runs under DIR into DIR/" + ResultsIndex.FILE_NAME + " (what 'serve --results DIR' shows), or, with no DIR, "
                + "refresh your run history (every folder your bench, demo and merge runs wrote). New and changed results.json files are read, "
                + "vanished ones dropped; the run folders stay the source of truth.",
        footer = {"", "Exit status: 0 indexed (files that could not be read are listed and tried again next time); 1 DIR is not a folder, or the index "
                + "cannot be opened (the message says why); 2 a bad option."})
final class IndexCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "a results root: a bench or demo --out folder, or a folder holding such folders")
    private Path dir;

    @Option(names = "--rebuild", description = "delete the index file first and index everything again")
    private boolean rebuild;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new Main.UserError(dir + " is not a folder", "give the folder your runs wrote (bench or demo --out), or a folder holding such folders");
        }
        Path file = dir == null ? ResultsIndex.userFile() : dir.resolve(ResultsIndex.FILE_NAME);
        java.util.List<Path> roots = java.util.List.of();
        if (rebuild) {
            if (dir == null) {
                try (ResultsIndex old = ResultsIndex.open(file)) {
                    roots = old.roots();
                }
            }
            delete(file);
        }
        try (ResultsIndex index = dir == null ? ResultsIndex.open(file) : ResultsIndex.ofRoot(dir)) {
            roots.stream().filter(Files::isDirectory).forEach(index::addRoot);
            ResultsIndex.Refresh r = index.refresh();
            out.println(r.runs() + " runs in " + index.file() + " (" + r.added() + " new, " + r.updated() + " changed, " + r.removed() + " removed, "
                    + r.unchanged() + " unchanged) in " + String.format(java.util.Locale.ROOT, "%.2f", r.took().toNanos() / 1e9) + " s");
            if (index.roots().isEmpty()) {
                out.println("no folder recorded yet: your runs add theirs when they end, or give one: plugbench index DIR");
            }
            r.problems().forEach(p -> err.println("plugbench: not indexed: " + p));
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new Main.UserError(e.getMessage(), "plugbench index --rebuild makes the index anew from the run folders");
        }
        return ExitCodes.OK;
    }

    private static void delete(Path file) {
        try {
            for (String suffix : new String[] {"", "-wal", "-shm"}) {
                Files.deleteIfExists(Path.of(file + suffix));
            }
        } catch (IOException e) {
            throw new Main.UserError("cannot delete " + file + ": " + e.getMessage(), "delete it by hand, then run plugbench index again");
        }
    }
}
