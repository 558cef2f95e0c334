package dev.plugbench.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.TimeBasedRollingPolicy;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.spi.FilterReply;
import ch.qos.logback.core.util.FileSize;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * The distribution's logging (logback, found through its {@link Configurator} service): every log
 * line, with its stack trace, goes to the host's log, one file a day in {@link #folder()} kept for 14
 * days, written safely by the command and its worker JVMs together; the console (standard error)
 * gets short lines only: no stack trace (it names the log file instead), none of the plugin
 * framework's (PF4J's) lines, none of the per-problem lines the commands print as a list themselves.
 * {@code --verbose} ({@value #VERBOSE_PROPERTY}) puts everything on the console too, traces included.
 */
public final class HostLog extends ContextAwareBase implements Configurator {
    /** The log folder, when not the default. Forwarded to worker JVMs like every {@code plugbench.log.*} property. */
    static final String FOLDER_PROPERTY = "plugbench.log.dir";
    /** {@code true}: the console shows every line with its stack trace. */
    static final String VERBOSE_PROPERTY = "plugbench.log.verbose";
    private static final int DAYS_KEPT = 14;

    public HostLog() {
        // made by logback's ServiceLoader
    }

    /** Where the log files are: {@value #FOLDER_PROPERTY}, else {@code $XDG_STATE_HOME/plugbench/logs}, else {@code ~/.local/state/plugbench/logs}. */
    static Path folder() {
        String set = System.getProperty(FOLDER_PROPERTY);
        if (set != null && !set.isBlank()) {
            return Path.of(set);
        }
        String xdg = System.getenv("XDG_STATE_HOME");
        Path state = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "state");
        return state.resolve("plugbench").resolve("logs");
    }

    /** Today's log file. */
    static Path today() {
        return folder().resolve("plugbench." + LocalDate.now() + ".log");
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        boolean verbose = Boolean.getBoolean(VERBOSE_PROPERTY);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        boolean logFile = startFileAppender(context, root);
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("console");
        console.setTarget("System.err");
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        ConsoleLayout layout = new ConsoleLayout(verbose, logFile ? today() : null);
        layout.setContext(context);
        layout.start();
        encoder.setLayout(layout);
        encoder.start();
        console.setEncoder(encoder);
        console.addFilter(new ConsoleFilter(verbose));
        console.start();
        root.addAppender(console);
        for (String quiet : new String[] {"org.nd4j", "org.reflections", "org.apache.spark", "org.sparkproject", "org.pf4j",
                "org.eclipse.jetty", "io.javalin"}) {
            context.getLogger(quiet).setLevel(Level.WARN);
        }
        context.getLogger("dev.plugbench.harness.CellRunner").setLevel(Level.DEBUG); // a failed cell's stack trace
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** The host's log; false (console only) when its folder cannot be made, say on a read-only home. */
    private boolean startFileAppender(LoggerContext context, Logger root) {
        Path folder = folder();
        try {
            Files.createDirectories(folder);
        } catch (IOException | RuntimeException e) {
            return false;
        }
        RollingFileAppender<ILoggingEvent> file = new RollingFileAppender<>();
        file.setContext(context);
        file.setName("host-log");
        file.setPrudent(true); // the command and its worker JVMs append to the same file
        TimeBasedRollingPolicy<ILoggingEvent> daily = new TimeBasedRollingPolicy<>();
        daily.setContext(context);
        daily.setParent(file);
        daily.setFileNamePattern(folder.resolve("plugbench.%d{yyyy-MM-dd}.log").toString());
        daily.setMaxHistory(DAYS_KEPT);
        daily.setTotalSizeCap(FileSize.valueOf("200MB"));
        daily.start();
        file.setRollingPolicy(daily);
        PatternLayoutEncoder pattern = new PatternLayoutEncoder();
        pattern.setContext(context);
        pattern.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSS} %-5level [pid " + ProcessHandle.current().pid() + " %thread] %logger - %msg%n");
        pattern.start();
        file.setEncoder(pattern);
        file.start();
        if (!file.isStarted()) {
            return false;
        }
        root.addAppender(file);
        return true;
    }

    /** What reaches the console: all with --verbose; otherwise neither PF4J's, Javalin's and Jetty's lines nor the per-problem ones. */
    private static final class ConsoleFilter extends Filter<ILoggingEvent> {
        private final boolean verbose;

        ConsoleFilter(boolean verbose) {
            this.verbose = verbose;
        }

        @Override
        public FilterReply decide(ILoggingEvent event) {
            if (verbose) {
                return FilterReply.NEUTRAL;
            }
            String logger = event.getLoggerName();
            if (logger.startsWith("org.pf4j")) {
                return FilterReply.DENY; // the host reports each of its failures as a problem with the fix
            }
            if (logger.startsWith("io.javalin") || logger.startsWith("org.eclipse.jetty")) {
                return FilterReply.DENY; // serve reports a port it cannot bind, with the fix; the server's own lines go to the log
            }
            if (logger.equals("dev.plugbench.host.Problems") && !event.getLevel().isGreaterOrEqual(Level.ERROR)) {
                return FilterReply.DENY; // the commands print the problems list themselves
            }
            if (logger.equals("dev.plugbench.harness.CellRunner")) {
                return FilterReply.DENY; // a failed cell's reason is in its row; its stack trace in the log
            }
            return FilterReply.NEUTRAL;
        }
    }

    /** {@code LEVEL Logger - message}, and where the stack trace is instead of the trace, unless verbose. */
    private static final class ConsoleLayout extends LayoutBase<ILoggingEvent> {
        private final boolean verbose;
        private final Path logFile;

        ConsoleLayout(boolean verbose, Path logFile) {
            this.verbose = verbose;
            this.logFile = logFile;
        }

        @Override
        public String doLayout(ILoggingEvent event) {
            String name = event.getLoggerName();
            StringBuilder line = new StringBuilder().append(event.getLevel()).append(' ').append(name.substring(name.lastIndexOf('.') + 1))
                    .append(" - ").append(event.getFormattedMessage());
            if (event.getThrowableProxy() != null) {
                if (verbose) {
                    line.append(CoreConstants.LINE_SEPARATOR).append(ThrowableProxyUtil.asString(event.getThrowableProxy()));
                } else {
                    line.append(" (").append(event.getThrowableProxy().getClassName()).append(logFile != null
                            ? "; its stack trace is in " + logFile + ", or run with --verbose)" : "; run with --verbose for its stack trace)");
                }
            }
            return line.append(CoreConstants.LINE_SEPARATOR).toString();
        }
    }
}
