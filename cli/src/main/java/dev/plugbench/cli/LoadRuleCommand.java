package dev.plugbench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.plugbench.serving.LoadGenerator;
import dev.plugbench.serving.LoadOptions;
import dev.plugbench.serving.LoadReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code plugbench load-rule}: a bounded load on a serve-rule server, with plugin swaps, and what it measured. */
@Command(name = "load-rule", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Drive a serve-rule server on this machine with its task's test inputs, at a fixed rate or flat out, bounded in requests and "
                + "time, replacing the served plugin file by its next version --swaps times meanwhile; print throughput, p50/p99/p99.9 latency, "
                + "errors, the swaps, and the system accuracy and offload rate measured on the served answers against the benchmark cell's.",
        footer = {"", "Exit status: 0 no request failed; 3 some requests failed or a swap was not served; 1 no server, or a bad server address; 2 a bad option."})
final class LoadRuleCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--url", paramLabel = "URL", defaultValue = "http://127.0.0.1:8322/", description = "the server (default ${DEFAULT-VALUE}; this machine only)")
    private URI url;

    @Option(names = "--method", paramLabel = "M", defaultValue = "l2h-joint", description = "the method to drive (default ${DEFAULT-VALUE})")
    private String method;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "64", description = "rows a request (default ${DEFAULT-VALUE})")
    private int batch;

    @Option(names = "--connections", paramLabel = "C", defaultValue = "8", description = "requests in flight at once (default ${DEFAULT-VALUE})")
    private int connections;

    @Option(names = "--rate", paramLabel = "R", defaultValue = "0", description = "requests a second in total; 0: flat out (default)")
    private double rate;

    @Option(names = "--requests", paramLabel = "N", defaultValue = "20000", description = "stop after this many requests (default ${DEFAULT-VALUE})")
    private long requests;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "60", description = "or after this long (default ${DEFAULT-VALUE})")
    private double seconds;

    @Option(names = "--swaps", paramLabel = "K", defaultValue = "0", description = "replace the served plugin file by its next version K times during "
            + "the run (default 0); the file stays at the last version")
    private int swaps;

    @Option(names = "--json", description = "print the report as JSON")
    private boolean json;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        LoadOptions options;
        try {
            options = new LoadOptions(url.toString().endsWith("/") ? url : URI.create(url + "/"), method, batch, connections, rate, requests,
                    Duration.ofMillis((long) (seconds * 1000)), swaps, Duration.ofSeconds(60));
        } catch (IllegalArgumentException e) {
            throw new Main.UserError(e.getMessage(), "plugbench load-rule --help lists the options");
        }
        LoadReport report;
        try {
            report = LoadGenerator.run(options);
        } catch (IllegalArgumentException e) {
            throw new Main.UserError(e.getMessage(), "start the server with plugbench serve-rule, and give its address with --url");
        }
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
        } else {
            out.print(report.format());
        }
        out.flush();
        return report.errorCount() == 0 && report.swapsDone() == report.swapsAsked() ? ExitCodes.OK : ExitCodes.CELLS_FAILED;
    }
}
