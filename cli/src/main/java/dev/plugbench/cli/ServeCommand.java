package dev.plugbench.cli;

import dev.plugbench.results.ResultsIndex;
import dev.plugbench.results.ResultsServer;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code plugbench serve}: the benchmark history as a local, read-only web app and JSON API. */
@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Serve the results index as a local web app: runs (filter, sort, open a report), compare two runs, a method's history across "
                + "runs and plugin versions with changes marked, sweeps; a JSON API behind each page (GET /api). Read-only; runs that finish while it "
                + "serves appear by themselves. Ctrl-C stops it.",
        footer = {"", "Exit status: 0 stopped; 1 a folder or port that cannot be used (the message says why); 2 a bad option."})
final class ServeCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--results", paramLabel = "DIR", description = "serve the runs under DIR (indexed into DIR/" + ResultsIndex.FILE_NAME
            + "); default: your run history, every folder your bench, demo and merge runs wrote")
    private Path results;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "the address to listen on (default 127.0.0.1, this machine only; any other exposes the results to the network)")
    private String host;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8321", description = "the port (default 8321; 0 picks a free one)")
    private int port;

    @Option(names = "--refresh-seconds", paramLabel = "S", defaultValue = "2", description = "how often finished runs are indexed (default 2)")
    private double refreshSeconds;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ServeLoop.checkPort(port);
        if (!(refreshSeconds >= 0.1)) {
            throw new Main.UserError("--refresh-seconds must be at least 0.1", "for example --refresh-seconds 2");
        }
        if (results != null && !Files.isDirectory(results)) {
            throw new Main.UserError(results + " is not a folder", "give the folder your runs wrote (bench or demo --out), or omit --results");
        }
        ResultsIndex index;
        try {
            index = results == null ? ResultsIndex.user() : ResultsIndex.ofRoot(results);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new Main.UserError(e.getMessage(), "plugbench index --rebuild makes the index anew from the run folders");
        }
        try (index) {
            ResultsIndex.Refresh r = index.refresh();
            r.problems().forEach(p -> err.println("plugbench: not indexed: " + p));
            ServeLoop.warnIfExposed(host, "read the results (read-only)", err);
            ResultsServer server;
            try {
                server = ResultsServer.start(index, host, port, Duration.ofMillis((long) (refreshSeconds * 1000)));
            } catch (IllegalStateException e) {
                throw new Main.UserError(e.getMessage(), "plugbench serve --port 0 picks a free port");
            }
            out.println("serving " + r.runs() + " runs of " + index.roots().size() + " folder(s) from " + index.file() + " at " + server.url()
                    + " (JSON API: " + server.url() + "api; Ctrl-C stops)");
            out.flush();
            ServeLoop.awaitStop("serve", server);
            return ExitCodes.OK;
        }
    }
}
