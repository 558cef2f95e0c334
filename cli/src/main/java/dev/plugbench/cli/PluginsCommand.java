package dev.plugbench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.plugbench.host.Plugbench;
import dev.plugbench.host.Problem;
import dev.plugbench.host.RegisteredMethod;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code plugbench plugins}: every registered method and the problems list. */
@Command(name = "plugins", mixinStandardHelpOptions = true, versionProvider = Main.Version.class, description = "List every registered method (family, id, plugin, version, source), the benchmark tasks plugins provide, and the problems.")
final class PluginsCommand implements Callable<Integer> {
    @Mixin
    private PluginsDirOption plugins;

    @Spec
    private CommandSpec spec;

    @Option(names = "--json", description = "print a JSON array of {family, id, plugin, version, source}")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (Plugbench host = plugins.configure(Plugbench.builder().pluginsDir(plugins.pluginsDir())).build()) {
            List<RegisteredMethod<?>> methods = host.allMethods();
            if (json) {
                List<Map<String, String>> rows = methods.stream().map(PluginsCommand::row).toList();
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(rows));
            } else {
                out.printf("%-12s %-20s %-22s %-10s %s%n", "FAMILY", "ID", "PLUGIN", "VERSION", "SOURCE");
                for (RegisteredMethod<?> m : methods) {
                    out.printf("%-12s %-20s %-22s %-10s %s%n", m.family(), m.id(), m.pluginId(), m.pluginVersion(), m.source().label());
                }
                if (methods.isEmpty()) {
                    out.println("(no methods registered from " + plugins.pluginsDir() + ")");
                }
                if (!host.pluginTasks().isEmpty()) {
                    out.println();
                    out.printf("%-12s %-20s %-22s %-10s%n", "FAMILY", "TASK", "PLUGIN", "VERSION");
                    host.pluginTasks().forEach(t -> out.printf("%-12s %-20s %-22s %-10s%n", t.task().family(), t.task().name(), t.pluginId(),
                            t.pluginVersion()));
                }
            }
            PrintWriter err = spec.commandLine().getErr();
            List<Problem> problems = host.problems();
            if (!problems.isEmpty()) {
                err.println(problems.size() + " problem(s):");
                problems.forEach(p -> err.println("  " + p));
            }
        }
        return 0;
    }

    private static Map<String, String> row(RegisteredMethod<?> m) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("family", m.family());
        row.put("id", m.id());
        row.put("plugin", m.pluginId());
        row.put("version", m.pluginVersion());
        row.put("source", m.source().label());
        return row;
    }
}
