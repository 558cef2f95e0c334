package dev.plugbench.host.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.plugbench.host.DrillReport;
import dev.plugbench.host.HotswapDrill;
import dev.plugbench.host.Plugbench;
import dev.plugbench.host.PluginOperationException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PLUGIN", description = "a plugin id from the plugins directory, or a path to a plugin file")
    private String plugin;

    @Option(names = "--swaps", defaultValue = "50", description = "number of reloads (default ${DEFAULT-VALUE})")
    private int swaps;

    @Option(names = "--threads", defaultValue = "2", description = "number of calling threads (default ${DEFAULT-VALUE})")
    private int threads;

    @Option(names = "--json", description = "print the report as JSON")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        if (swaps < 1 || threads < 1) {
            throw new Main.UserError("--swaps and --threads must be at least 1", "for example --swaps 50 --threads 2");
        }
        Path dir = plugins.pluginsDir();
        Plugbench.Builder builder = Plugbench.builder().discoverClasspath(false);
        if (Files.isDirectory(dir)) {
            builder.pluginsDir(dir);
        }
        try (Plugbench host = builder.build()) {
            DrillReport r;
            try {
                r = new HotswapDrill(host).run(plugin, swaps, threads);
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
                m.put("swap_ms_p50", round(r.swapMsP50()));
                m.put("swap_ms_p99", round(r.swapMsP99()));
                m.put("failures", r.failures());
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m));
            } else {
                out.printf("plugin %s: %d swaps, %d calls from %d threads, %d failed, %d leaked class loaders%n",
                        r.plugin(), r.swaps(), r.calls(), threads, r.failedCalls(), r.leakedClassLoaders());
                out.printf("swap time: p50 %.1f ms, p99 %.1f ms%n", r.swapMsP50(), r.swapMsP99());
                r.failures().forEach(f -> out.println("  failure: " + f));
                out.println(r.passed() ? "PASS" : "FAIL");
            }
            return r.passed() ? 0 : 3;
        }
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
