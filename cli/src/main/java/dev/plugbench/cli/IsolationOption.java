package dev.plugbench.cli;

import dev.plugbench.host.Plugbench;
import dev.plugbench.host.PluginInfo;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

/**
 * The default that keeps plugins nobody vetted out of the host, and {@code --in-process}, the choice
 * that turns it off for one run: a plugin that is neither the distribution's own nor on the user's
 * trust list runs its cells in worker JVMs ({@link Vetting}); what it does there (exits, spins,
 * hoards memory) fails its own cells only.
 */
final class IsolationOption {
    @Option(names = "--in-process", description = "run every plugin in this JVM, also those you have not trusted (default: their cells run in worker JVMs)")
    private boolean inProcess;

    boolean inProcess() {
        return inProcess;
    }

    /** Refuses --in-process beside a choice that runs every cell outside this JVM. */
    void checkAgainst(int workers, String runner) {
        if (inProcess && (workers > 0 || runner != null)) {
            throw new Main.UserError("give --in-process or " + (workers > 0 ? "--workers" : "--runner") + ", not both",
                    "--in-process runs every cell in this JVM; --workers N runs every cell in N worker JVMs");
        }
    }

    /**
     * The ids of the host's plugins to run in worker JVMs: those not vetted, unless the user chose where cells run
     * ({@code --in-process}, {@code --workers}, {@code --runner}: {@code elsewhere}) or the run is on the user's data
     * (which a worker cannot read). Says on {@code err} which plugins go where and how to change it.
     */
    Set<String> isolated(Plugbench host, Path trustFile, boolean elsewhere, boolean userData, PrintWriter err) {
        if (inProcess || elsewhere) {
            return Set.of();
        }
        List<PluginInfo> unvetted = Vetting.read(trustFile).unvetted(host);
        if (unvetted.isEmpty()) {
            return Set.of();
        }
        String names = unvetted.stream().map(p -> p.id() + " " + p.version() + " (" + p.file().getFileName() + ")").collect(Collectors.joining(", "));
        if (userData) {
            err.println("plugbench: note: " + names + " not on your trust list run in this JVM: a run on --data stays in this JVM. "
                    + "Trust the files you checked (plugbench trust add FILE), or leave them out of --plugins");
            return Set.of();
        }
        err.println("plugbench: not on your trust list, so their cells run in worker JVMs: " + names
                + ". To run a file you checked in this JVM: plugbench trust add FILE (or --in-process for one run)");
        return unvetted.stream().map(PluginInfo::id).collect(Collectors.toUnmodifiableSet());
    }
}
