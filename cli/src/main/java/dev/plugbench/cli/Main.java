package dev.plugbench.cli;

import dev.plugbench.host.ExitGuard;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code plugbench} command: global options and the sub-commands. */
@Command(name = "plugbench", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Compare machine-learning research methods loaded as hot-swappable plugins.",
        subcommands = {DemoCommand.class, BenchCommand.class, CompareCommand.class, ReportCommand.class, IndexCommand.class, ServeCommand.class, ServeRuleCommand.class, LoadRuleCommand.class, MergeCommand.class, PluginsCommand.class, HotswapCheckCommand.class, VerifyPluginCommand.class, NewPluginCommand.class, TrustCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Read in {@link #main} before any logger exists; declared here so that every command accepts and documents it. */
    @CommandLine.Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "also print every log line on the console with its stack trace (the plugin framework's, PF4J's, included); "
                    + "by default they go to the host's log (~/.local/state/plugbench/logs) and the problems list says what went wrong with the fix")
    private boolean verbose;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (demo, bench, compare, report, plugins, hotswap-check, ...)");
    }

    public static void main(String[] args) {
        // read by HostLog when the first logger is made: the console then shows every log line with its stack trace
        if (java.util.Arrays.asList(args).contains("--verbose")) {
            System.setProperty(HostLog.VERBOSE_PROPERTY, "true");
        }
        PrintWriter err = new PrintWriter(System.err, true);
        // a System.exit in plugin code ends the command with ExitGuard.STATUS and names the plugin, not with the plugin's 0
        ExitGuard.install(message -> err.println("plugbench: " + message));
        ExitGuard.exit(execute(args, new PrintWriter(System.out, true), err));
    }

    /** Runs the command line with the given streams; returns the exit code. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((ex, a) -> {
            err.println("plugbench: " + ex.getMessage());
            err.println("hint: run 'plugbench " + helpPath(ex.getCommandLine()) + "--help' for the usage");
            return 2;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            err.println("plugbench: " + ex.getMessage());
            if (ex instanceof UserError u && u.hint() != null) {
                err.println("hint: " + u.hint());
            }
            return 1;
        });
        return cli.execute(args);
    }

    private static String helpPath(CommandLine cl) {
        String name = cl.getCommandName();
        return name.equals("plugbench") ? "" : name + " ";
    }

    /** A failure the user can fix: the message says what, the hint how. */
    static final class UserError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String hint;

        UserError(String message, String hint) {
            super(message);
            this.hint = hint;
        }

        String hint() {
            return hint;
        }
    }

    /** Version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"plugbench " + (v == null ? "(development build)" : v) + ", API " + dev.plugbench.api.ApiVersion.VERSION};
        }
    }
}
