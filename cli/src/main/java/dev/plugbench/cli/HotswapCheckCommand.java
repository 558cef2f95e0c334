package dev.plugbench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.plugbench.host.DrillReport;
import dev.plugbench.host.HotswapDrill;
import dev.plugbench.host.Plugbench;
import dev.plugbench.host.PluginOperationException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code plugbench hotswap-check PLUGIN}: the hot-swap drill, for plugin authors. */
@Command(name = "hotswap-check", mixinStandardHelpOptions = true, versionProvider = Main.Version.class, description = "Call a plugin's methods from several threads while reloading it, then check "
        + "that its old class loaders were collected. Exit code 0 only if no call failed and nothing leaked.")
final class HotswapCheckCommand implements Callable<Integer> {
    @Mixin
    private PluginsDirOption plugins;

    @Mixin
    private IsolationOption isolation;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PLUGIN", description = "a plugin id from the plugins directory, or a path to a plugin file")
    private String plugin;

    @Option(names = "--swaps", defaultValue = "50", description = "number of reloads (default ${DEFAULT-VALUE})")
    private int swaps;

    @Option(names = "--threads", defaultValue = "2", description = "number of calling threads (default ${DEFAULT-VALUE})")
    private int threads;

    @Option(names = "--calls-per-swap", defaultValue = "20", description = "calls to each new version before the next reload (default ${DEFAULT-VALUE})")
    private int callsPerSwap;

    @Option(names = "--call-timeout", defaultValue = "30", paramLabel = "SECONDS", description = "the longest one call may take (default ${DEFAULT-VALUE} s)")
    private int callTimeoutSeconds;

    @Option(names = "--json", description = "print the report as JSON")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        if (swaps < 1 || threads < 1 || callsPerSwap < 1 || callTimeoutSeconds < 1) {
            throw new Main.UserError("--swaps, --threads, --calls-per-swap and --call-timeout must be at least 1",
                    "for example --swaps 50 --threads 2 --calls-per-swap 20 --call-timeout 30");
        }
        Path dir = plugins.pluginsDir();
        Plugbench.Builder builder = Plugbench.builder().discoverClasspath(false);
        if (Files.isDirectory(dir)) {
            builder.pluginsDir(dir);
        }
        try (Plugbench host = builder.build()) {
            java.util.Optional<String> unvetted = unvetted(host);
            if (unvetted.isPresent()) {
                spec.commandLine().getErr().println("plugbench: " + unvetted.get() + " is not on your trust list, so the drill runs in a JVM of its own (plugbench trust add FILE, or --in-process, runs it here)");
                host.close();
                java.util.List<String> args = new java.util.ArrayList<>(spec.commandLine().getParseResult().originalArgs());
                args.add("--in-process");
                int code = ChildJvm.run(args, spec.commandLine().getOut());
                if (code != 0 && code != 3) {
                    spec.commandLine().getErr().println("plugbench: the drill's JVM ended with status " + code
                            + (code == dev.plugbench.host.ExitGuard.STATUS ? " (the plugin called System.exit, see above)" : "")
                            + "; this JVM and its plugins are unaffected. FAIL");
                    return 3;
                }
                return code;
            }
            DrillReport r;
            try {
                r = new HotswapDrill(host).run(plugin, new HotswapDrill.Options(swaps, threads, callsPerSwap, Duration.ofSeconds(callTimeoutSeconds)));
            } catch (PluginOperationException e) {
                throw new Main.UserError(e.getMessage(), "give a plugin id listed by 'plugbench plugins', or the path of a .jar or .zip plugin");
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("plugin", r.plugin());
                m.put("swaps", r.swaps());
                m.put("calls", r.calls());
                m.put("failed_calls", r.failedCalls());
                m.put("leaked_classloaders", r.leakedClassLoaders());
                m.put("leaked_through_thread_state", r.leakedThroughThreadState());
                m.put("surviving_threads", r.survivingThreads());
                m.put("min_calls_per_swap", r.minCallsPerSwap());
                m.put("swap_ms_p50", round(r.swapMsP50()));
                m.put("swap_ms_p99", round(r.swapMsP99()));
                m.put("max_resident_mb", r.maxResidentMb());
                m.put("max_live_copies", r.maxLiveCopies());
                m.put("findings", r.findings());
                m.put("failures", r.failures());
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m));
            } else {
                out.printf("plugin %s: %d swaps, %d calls from %d long-lived threads and one fresh thread per swap (at least %d per swap), "
                                + "%d failed, %d leaked class loaders%n",
                        r.plugin(), r.swaps(), r.calls(), threads, r.minCallsPerSwap(), r.failedCalls(), r.leakedClassLoaders());
                out.printf("swap time: p50 %.1f ms, p99 %.1f ms; resident memory at most %d MiB; at most %d plugin copies on disk%n",
                        r.swapMsP50(), r.swapMsP99(), r.maxResidentMb(), r.maxLiveCopies());
                r.findings().forEach(f -> out.println("  finding: " + f));
                r.failures().forEach(f -> out.println("  failure: " + f));
                out.println(r.passed() ? "PASS" : "FAIL");
            }
            return r.passed() ? 0 : 3;
        }
    }

    /** The drilled plugin's name, when nobody vetted it and the user did not ask for --in-process. */
    private java.util.Optional<String> unvetted(Plugbench host) throws java.io.IOException {
        if (isolation.inProcess()) {
            return java.util.Optional.empty();
        }
        Vetting vetting = Vetting.read(plugins.trustFile());
        Path file = Path.of(plugin);
        if (Files.exists(file)) {
            return vetting.vettedContent(dev.plugbench.host.ContentHash.ofPlugin(file)) ? java.util.Optional.empty()
                    : java.util.Optional.of(file.getFileName().toString());
        }
        return host.plugins().stream().filter(p -> p.id().equals(plugin) && !vetting.vetted(p)).map(p -> p.id() + " " + p.version()).findFirst();
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
