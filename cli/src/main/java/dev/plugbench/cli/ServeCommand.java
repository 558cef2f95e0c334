package dev.plugbench.cli;

import dev.plugbench.results.ResultsIndex;
import dev.plugbench.results.ResultsServer;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
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
        if (port < 0 || port > 65535) {
            throw new Main.UserError("--port " + port + " is not a port", "give 1..65535, or 0 for a free one");
        }
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
            if (!ResultsServer.isLoopback(host)) {
                err.println("plugbench: warning: --host " + host + " serves the results to every machine that can reach this one (read-only, no login); "
                        + "the default 127.0.0.1 keeps them on this machine");
            }
            ResultsServer server;
            try {
                server = ResultsServer.start(index, host, port, Duration.ofMillis((long) (refreshSeconds * 1000)));
            } catch (IllegalStateException e) {
                throw new Main.UserError(e.getMessage(), "plugbench serve --port 0 picks a free port");
            }
            CountDownLatch stopped = new CountDownLatch(1);
            Thread hook = new Thread(() -> {
                server.close();
                stopped.countDown();
            }, "plugbench-serve-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            out.println("serving " + r.runs() + " runs of " + index.roots().size() + " folder(s) from " + index.file() + " at " + server.url()
                    + " (JSON API: " + server.url() + "api; Ctrl-C stops)");
            out.flush();
            stopped.await();
            return ExitCodes.OK;
        }
    }
}
