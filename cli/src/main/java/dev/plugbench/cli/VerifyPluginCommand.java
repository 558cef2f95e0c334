package dev.plugbench.cli;

import dev.plugbench.host.PluginVerifier;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code plugbench verify-plugin FILE}: static and dynamic checks of a built plugin before installing it. */
@Command(name = "verify-plugin", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Check a built plugin before installing it: descriptor, API range, extension index, bundled host classes, every "
                + "reference into the contract and toolkit (bytecode scan), method ids against the installed plugins, one call of each "
                + "method. Exit 1 on any error.")
final class VerifyPluginCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "the plugin jar or zip")
    private Path file;

    @Mixin
    private PluginsDirOption plugins;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PluginVerifier.Report report = PluginVerifier.verify(file, Optional.of(plugins.pluginsDir()));
        report.findings().forEach(f -> out.println(f));
        long errors = report.findings().stream().filter(f -> f.level() == PluginVerifier.Finding.Level.ERROR).count();
        out.println(report.passed() ? "PASS " + file : "FAIL " + file + ": " + errors + " error(s)");
        return report.passed() ? 0 : 1;
    }
}
