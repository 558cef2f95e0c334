package dev.plugbench.cli;

import dev.plugbench.host.Plugbench;
import dev.plugbench.serving.RuleServer;
import dev.plugbench.serving.RuleService;
import dev.plugbench.serving.RuleSource;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code plugbench serve-rule}: an lwa rule and its expert as a live HTTP service, swapped when its plugin file changes. */
@Command(name = "serve-rule", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Serve Learning-to-Help decisions over HTTP: per input, the fixed client's answer, the rule's decision (local or offload), the "
                + "expert's answer where offloaded, and the cost. The rule is fitted at start on --task and --seed (or refitted from a stored "
                + "cell with --from-results) and swapped, with no failed request, when its plugin file in the plugins folder is replaced. "
                + "Routes: POST /v1/lwa/{method}/decide, GET /v1/methods, /health, /ready, /metrics (Prometheus). Ctrl-C stops it gracefully.",
        footer = {"", "Exit status: 0 stopped; 1 a rule that cannot be fitted or a port in use (the message says why); 2 a bad option."})
final class ServeRuleCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private PluginsDirOption plugins;

    @Option(names = "--methods", paramLabel = "a,b", split = ",", description = "the lwa methods to serve (default l2h-joint)")
    private List<String> methods = List.of("l2h-joint");

    @Option(names = "--task", paramLabel = "T", defaultValue = "digits-binary", description = "the lwa task whose client and split the rule is fitted on "
            + "(default ${DEFAULT-VALUE})")
    private String task;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "the seed of the split, client and rule (default 0)")
    private long seed;

    @Option(names = "--full", description = "the task at full scale (default: the quick scale, as bench --quick)")
    private boolean full;

    @Option(names = "--setting", paramLabel = "NAME", description = "the cost setting, e.g. ce=0.1,c1=1 (default: the task's first)")
    private String setting;

    @Option(names = "--from-results", paramLabel = "FILE", description = "refit the rule of a stored cell: a task's results.json from bench lwa "
            + "(its task, scale, and each method's parameters at --seed and --setting); the served decisions then reproduce that cell's")
    private Path fromResults;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1", description = "the address to listen on (default 127.0.0.1)")
    private String host;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8322", description = "the port (default 8322; 0 picks a free one)")
    private int port;

    @Option(names = "--admin-reload", description = "allow POST /v1/admin/reload?method=M (reload the method's plugin from its file)")
    private boolean adminReload;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ServeLoop.checkPort(port);
        if (fromResults != null && !Files.isRegularFile(fromResults)) {
            throw new Main.UserError(fromResults + " is not a file", "give a task's results.json, e.g. bench-results/digits-binary/results.json");
        }
        Path dir = plugins.pluginsDir();
        RuleSource source;
        try {
            source = fromResults != null ? RuleSource.cells(fromResults, methods, Optional.ofNullable(setting), seed)
                    : RuleSource.fitted(task, seed, !full, Optional.ofNullable(setting));
        } catch (IllegalArgumentException e) {
            throw new Main.UserError(e.getMessage(), "plugbench serve-rule --help lists the options");
        }
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(meters);
        new JvmThreadMetrics().bindTo(meters);
        new ProcessorMetrics().bindTo(meters);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(meters);
        ServeLoop.warnIfExposed(host, "ask for decisions", err);
        try (Plugbench hostApp = plugins.configure(Plugbench.builder().pluginsDir(dir).watchPluginsDir(true).discoverClasspath(false)).build()) {
            hostApp.problems().forEach(p -> err.println("plugbench: " + p.kind() + " " + p.subject() + ": " + p.message() + " (" + p.fix() + ")"));
            RuleService service;
            try {
                service = RuleService.start(hostApp, source, methods, meters);
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new Main.UserError(e.getMessage(), "plugbench plugins lists the lwa methods; serve-rule --task names a task that takes them");
            }
            RuleServer server;
            try {
                server = RuleServer.start(service, meters, host, port, adminReload);
            } catch (IllegalStateException e) {
                service.close();
                throw new Main.UserError(e.getMessage(), "plugbench serve-rule --port 0 picks a free port");
            }
            for (RuleService.ServedMethod m : service.served()) {
                out.println("serving " + m.method() + " (" + m.plugin() + " " + m.version() + ") on " + service.source().task() + (service.source().quick()
                        ? " (quick)" : "") + ", seed " + seed + ", " + service.setting());
            }
            out.println("ready at " + server.url() + " (POST " + server.url() + "v1/lwa/" + methods.get(0) + "/decide; metrics at " + server.url()
                    + "metrics; replace a plugin file in " + dir + " to swap; Ctrl-C stops)");
            out.flush();
            ServeLoop.awaitStop("serve-rule", server, service, gc);
            return ExitCodes.OK;
        }
    }
}
