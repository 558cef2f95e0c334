package dev.plugbench.host;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a {@code System.exit} that plugin code calls inside the host into a failure that says so:
 * the JVM still ends (nothing in process can refuse an exit on every JDK: the SecurityManager that
 * could is gone from JDK 24 on), but with status {@value #STATUS} instead of the plugin's (often 0),
 * after a report that names the plugin, its version and the class and method that called exit.
 *
 * <p>How: a shutdown hook looks, when the JVM begins to shut down, for the thread blocked in
 * {@code Runtime.exit} and walks its stack; when a frame's class was loaded by a plugin's class loader
 * (or is a class-path method's class the host registered), the exit was the plugin's: the hook reports
 * it and halts the JVM with {@value #STATUS}. An exit the application calls itself (no plugin frame on
 * the stack), a normal end of {@code main} and a signal (Ctrl-C, SIGTERM) are left alone; the
 * command line ends through {@link #exit(int)}. What a cell stored before the exit stays valid (the
 * harness writes each cell atomically), so {@code bench --resume} continues the run.
 *
 * <p>What it cannot do: keep the JVM alive (the other cells of the run do not finish in process);
 * see {@code Runtime.halt} (no hook runs) or a native crash. Run untrusted plugins in worker JVMs
 * ({@code bench --workers N}), where such a call fails that cell only.
 */
public final class ExitGuard {
    /** The status the JVM ends with when plugin code called {@code System.exit}. */
    public static final int STATUS = 70;

    private static final Logger LOG = LoggerFactory.getLogger(ExitGuard.class);
    private static final AtomicBoolean INSTALLED = new AtomicBoolean();
    private static final Set<HostPluginClassLoader> LOADERS = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));
    private static final Map<String, String> CLASSPATH_METHODS = new java.util.concurrent.ConcurrentHashMap<>();
    private static volatile Consumer<String> reporter = LOG::error;
    private static volatile boolean hostExits;

    private ExitGuard() {
    }

    /**
     * Installs the guard once per JVM (later calls only replace the reporter): {@code report} receives
     * the message before the JVM halts. The command line passes its error stream; the host's default
     * logs at ERROR.
     */
    public static void install(Consumer<String> report) {
        reporter = java.util.Objects.requireNonNull(report, "report is null");
        if (INSTALLED.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(ExitGuard::onShutdown, "plugbench-exit-guard"));
        }
    }

    /** Installs the guard with the host's default reporter (the log), unless it is installed already. */
    static void installDefault() {
        if (!INSTALLED.get()) {
            install(reporter);
        }
    }

    /** Ends the JVM with {@code status}, as the host or the application asked: the guard lets it through. */
    public static void exit(int status) {
        hostExits = true;
        System.exit(status);
    }

    static void register(HostPluginClassLoader loader) {
        LOADERS.add(loader);
    }

    static void registerClasspathMethod(Class<?> implementation, String method) {
        CLASSPATH_METHODS.put(implementation.getName(), method);
    }

    private static void onShutdown() {
        if (hostExits) {
            return;
        }
        Optional<String> culprit = culprit(Thread.getAllStackTraces());
        if (culprit.isEmpty()) {
            return;
        }
        try {
            reporter.accept(culprit.get() + " called System.exit inside the host; the JVM ends with status " + STATUS
                    + " instead. What was stored before stays valid (bench --resume continues the run); run plugins you have not "
                    + "checked in worker JVMs (--workers N), where such a call fails its own cells only");
        } finally {
            Runtime.getRuntime().halt(STATUS);
        }
    }

    /** "plugin 'id' 1.0.0 (its class C, method m)" for the first plugin frame under a thread's Runtime.exit, if any. */
    static Optional<String> culprit(Map<Thread, StackTraceElement[]> stacks) {
        for (StackTraceElement[] stack : stacks.values()) {
            int exit = -1;
            for (int i = 0; i < stack.length && exit < 0; i++) {
                if (stack[i].getClassName().equals("java.lang.Runtime") && stack[i].getMethodName().equals("exit")) {
                    exit = i;
                }
            }
            for (int i = exit + 1; exit >= 0 && i < stack.length; i++) {
                Optional<String> owner = owner(stack[i].getClassName());
                if (owner.isPresent()) {
                    return Optional.of(owner.get() + " (" + stack[i].getClassName() + "." + stack[i].getMethodName() + ")");
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> owner(String className) {
        String method = CLASSPATH_METHODS.get(className);
        if (method != null) {
            return Optional.of("the class-path method '" + method + "'");
        }
        synchronized (LOADERS) {
            for (HostPluginClassLoader loader : LOADERS) {
                if (loader.hasLoaded(className)) {
                    return Optional.of("plugin '" + loader.pluginId() + "' " + loader.pluginVersion());
                }
            }
        }
        return Optional.empty();
    }
}
