package dev.plugbench.host;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.util.Modules;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The embedding API: build a host, look methods up by extension point, call them, and load, reload
 * or unload plugins while other threads are calling. Thread-safe. Closing it unloads every plugin.
 *
 * <pre>{@code
 * try (Plugbench host = Plugbench.builder().pluginsDir(Path.of("plugins")).build()) {
 *     SpectralProbe probe = host.method(SpectralProbe.class, "weight-esd");
 *     Measurement m = probe.measure(input, probe.info().defaults());
 * }
 * }</pre>
 *
 * <p>The handles {@link #method} returns stay valid across hot swaps: each call runs on the version
 * loaded when it starts. Problems (a corrupt plugin, a duplicate id, an extension that fails) never
 * stop the host; they are listed by {@link #problems()}.
 */
public final class Plugbench implements AutoCloseable {
    private final MethodRegistry registry;
    private final Problems problems;
    private final PluginRuntime runtime;
    private final ShadowCopies shadows;
    private final Path pluginsDir;
    private final PluginDirectoryWatcher watcher;
    private final List<Consumer<String>> reloadListeners = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private Plugbench(Builder b) throws IOException {
        Nd4jStartup.ensure();
        if (b.exitGuard) {
            ExitGuard.installDefault();
        }
        this.registry = new MethodRegistry();
        this.problems = new Problems();
        this.pluginsDir = b.pluginsDir;
        boolean ownsWork = b.workDir == null;
        Path work = ownsWork ? ShadowCopies.newWorkFolder() : Files.createDirectories(b.workDir);
        this.shadows = new ShadowCopies(work, ownsWork, b.maxPluginBytes);
        Injector root = Guice.createInjector(Modules.override(new HostModule(b.settings)).with(b.modules));
        this.runtime = new PluginRuntime(pluginsDir != null ? pluginsDir : work, root, registry, problems, shadows, classpathTasks(b.classLoader));
        if (b.trustFile != null) {
            runtime.trustedOnly(TrustList.read(b.trustFile));
        }
        if (b.discoverClasspath) {
            problems.addAll(registry.register(ClasspathDiscovery.discover(b.classLoader, root, problems)));
        }
        for (Path dev : b.developmentPlugins) {
            runtime.load(dev);
        }
        if (pluginsDir != null) {
            for (Path file : pluginFiles(pluginsDir, problems)) {
                runtime.load(file);
            }
        }
        this.watcher = b.watch && pluginsDir != null
                ? new PluginDirectoryWatcher(pluginsDir, runtime, problems, id -> reloadListeners.forEach(l -> l.accept(id)))
                : null;
    }

    /** A builder with no plugins directory, classpath discovery on, and no extra modules. */
    public static Builder builder() {
        return new Builder();
    }

    /** Every method of an extension point, sorted by id. */
    public <T> List<RegisteredMethod<T>> methods(Class<T> extensionPoint) {
        return registry.methods(Objects.requireNonNull(extensionPoint, "extensionPoint is null"));
    }

    /** Every method of every extension point, by family then id. */
    public List<RegisteredMethod<?>> allMethods() {
        List<RegisteredMethod<?>> all = new ArrayList<>();
        for (Class<?> point : Families.extensionPoints()) {
            all.addAll(registry.methods(point));
        }
        all.sort(Comparator.comparing((RegisteredMethod<?> m) -> m.family()).thenComparing(RegisteredMethod::id));
        return all;
    }

    /**
     * A handle on one method, valid across hot swaps.
     *
     * @throws MethodNotFoundException listing the ids that are registered
     */
    public <T> T method(Class<T> extensionPoint, String id) {
        return registry.handle(Objects.requireNonNull(extensionPoint, "extensionPoint is null"), id);
    }

    /**
     * Calls one method with a time limit: {@code call} runs on a new daemon thread, and the caller
     * gets its result, its exception, or, after {@code limit}, a {@link MethodTimeoutException} (the
     * call's thread is interrupted and abandoned: in one JVM a method that ignores interrupts cannot be
     * stopped, only left behind). For example
     * {@code host.call(SpectralProbe.class, "frobenius", Duration.ofSeconds(5), p -> p.measure(input, params))}.
     *
     * @throws MethodNotFoundException listing the ids that are registered
     * @throws MethodTimeoutException  when the call ran past {@code limit}
     */
    public <T, R> R call(Class<T> extensionPoint, String id, Duration limit, Function<T, R> call) {
        Objects.requireNonNull(limit, "limit is null");
        Objects.requireNonNull(call, "call is null");
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("limit must be positive; got " + limit);
        }
        T handle = method(extensionPoint, id);
        FutureTask<R> task = new FutureTask<>(() -> call.apply(handle));
        Thread thread = new Thread(task, "plugbench-call-" + id);
        thread.setDaemon(true);
        thread.start();
        try {
            return task.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            task.cancel(true);
            throw new MethodTimeoutException(extensionPoint.getSimpleName() + " '" + id + "'", limit, thread.getName());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + id, e);
        }
    }

    /** The benchmark tasks the loaded plugins provide (the host's own tasks are on its class path; see the harness). */
    public List<PluginTask> pluginTasks() {
        return runtime.tasks();
    }

    /** "family/name" of the benchmark tasks ServiceLoader finds with {@code loader}: names a plugin task may not take. */
    private static java.util.Set<String> classpathTasks(ClassLoader loader) {
        java.util.Set<String> keys = new java.util.HashSet<>();
        java.util.ServiceLoader.load(dev.plugbench.api.bench.BenchTask.class, loader).stream()
                .forEach(p -> keys.add(p.get().family() + "/" + p.get().name()));
        return keys;
    }

    /** The loaded PF4J plugins. */
    public List<PluginInfo> plugins() {
        return runtime.plugins();
    }

    /** Everything the host refused or could not do since it was built, oldest first. */
    public List<Problem> problems() {
        return problems.snapshot();
    }

    /** The plugins directory, if the host has one. */
    public Optional<Path> pluginsDir() {
        return Optional.ofNullable(pluginsDir);
    }

    /**
     * Loads a plugin file (jar or zip) or a development project folder.
     *
     * @throws PluginOperationException saying why it was refused (also recorded in {@link #problems()})
     */
    public PluginInfo loadPlugin(Path file) {
        return runtime.load(Objects.requireNonNull(file, "file is null")).orThrow();
    }

    /** Reloads a plugin from the file it was loaded from. See {@link #reloadPlugin(String, Path)}. */
    public PluginInfo reloadPlugin(String pluginId) {
        return runtime.reload(Objects.requireNonNull(pluginId, "pluginId is null"), null).orThrow();
    }

    /**
     * Replaces a loaded plugin by the version in {@code file}. Calls in flight finish on the old
     * version, later calls run on the new one, and no call fails. If the new version cannot be
     * loaded, the old one keeps serving and this throws.
     *
     * @throws PluginOperationException saying why the new version was refused
     */
    public PluginInfo reloadPlugin(String pluginId, Path file) {
        return runtime.reload(Objects.requireNonNull(pluginId, "pluginId is null"), Objects.requireNonNull(file, "file is null")).orThrow();
    }

    /** Unloads a plugin; its methods are gone at once (their handles then throw {@link MethodNotFoundException}). */
    public void unloadPlugin(String pluginId) {
        runtime.unload(Objects.requireNonNull(pluginId, "pluginId is null"));
    }

    /** Called with the plugin id after the directory watch loaded, upgraded, reloaded or unloaded a plugin. */
    public void onPluginChanged(Consumer<String> listener) {
        reloadListeners.add(Objects.requireNonNull(listener, "listener is null"));
    }

    /** Called with each problem as it is recorded (a refused plugin file, a failed reload, ...), from the thread that hit it. */
    public void onProblem(Consumer<Problem> listener) {
        problems.onProblem(Objects.requireNonNull(listener, "listener is null"));
    }

    /** Internal view for the hot-swap drill. */
    PluginRuntime runtime() {
        return runtime;
    }

    /** Internal view for the hot-swap drill: the private copies of plugin files. */
    ShadowCopies shadowCopies() {
        return shadows;
    }

    /** Internal view for the hot-swap drill. */
    MethodRegistry registryView() {
        return registry;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (watcher != null) {
            watcher.close();
        }
        runtime.close();
        shadows.close();
    }

    private static List<Path> pluginFiles(Path dir, Problems problems) {
        if (!Files.isDirectory(dir)) {
            problems.add(new Problem(dir.toString(), Problem.Kind.DIRECTORY, "the plugins directory does not exist",
                    "create it, or build the project (mvn -B verify) to fill cli/target/plugins", Instant.now()));
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(PluginDirectoryWatcher::isPluginFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the plugins directory " + dir, e);
        }
    }

    /** Configures a {@link Plugbench}. Not thread-safe; build once. */
    public static final class Builder {
        private Path pluginsDir;
        private final List<Path> developmentPlugins = new ArrayList<>();
        private boolean discoverClasspath = true;
        private boolean exitGuard = true;
        private final List<Module> modules = new ArrayList<>();
        private final Map<String, String> settings = new LinkedHashMap<>();
        private boolean watch;
        private Path workDir;
        private long maxPluginBytes = ShadowCopies.DEFAULT_MAX_EXPANDED_BYTES;
        private Path trustFile;
        private ClassLoader classLoader = Plugbench.class.getClassLoader();

        private Builder() {
        }

        /** Loads every .jar and .zip plugin in this directory at start. */
        public Builder pluginsDir(Path dir) {
            this.pluginsDir = Objects.requireNonNull(dir, "dir is null");
            return this;
        }

        /**
         * Development mode: loads plugin projects from their folders (plugin.properties at the
         * root, classes in target/classes, libraries in target/lib), without packaging.
         */
        public Builder developmentPlugins(Path... projectDirs) {
            for (Path p : projectDirs) {
                developmentPlugins.add(Objects.requireNonNull(p, "project dir is null"));
            }
            return this;
        }

        /**
         * Whether a {@code System.exit} called by plugin code ends the JVM with {@link ExitGuard#STATUS} and a
         * report naming the plugin (default true; see {@link ExitGuard}). Worker JVMs turn it off: their
         * parent reports their end.
         */
        public Builder exitGuard(boolean guard) {
            this.exitGuard = guard;
            return this;
        }

        /** Whether to register extensions found on the classpath by ServiceLoader (default true). */
        public Builder discoverClasspath(boolean discover) {
            this.discoverClasspath = discover;
            return this;
        }

        /** The class loader ServiceLoader searches (default: the host's). */
        public Builder classLoader(ClassLoader loader) {
            this.classLoader = Objects.requireNonNull(loader, "loader is null");
            return this;
        }

        /** Guice modules of the application; their bindings override the host's and are injectable into extensions. */
        public Builder modules(Module... more) {
            for (Module m : more) {
                modules.add(Objects.requireNonNull(m, "module is null"));
            }
            return this;
        }

        /**
         * Loads only the plugin files on the trust list in {@code trustFile} (id, version and SHA-256;
         * see {@link TrustList}); any other file is an {@code UNTRUSTED} problem naming the command that trusts it.
         */
        public Builder trustedOnly(Path trustFile) {
            this.trustFile = Objects.requireNonNull(trustFile, "trustFile is null");
            return this;
        }

        /**
         * The most a zip plugin may expand to, in bytes (default 1 GiB): a larger one is refused as a zip bomb,
         * with a problem, instead of filling the disk.
         */
        public Builder maxPluginBytes(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxPluginBytes = " + bytes + ": give a positive number of bytes");
            }
            this.maxPluginBytes = bytes;
            return this;
        }

        /** A setting plugins can read through {@link dev.plugbench.api.services.HostSettings}. */
        public Builder setting(String key, String value) {
            settings.put(Objects.requireNonNull(key, "key is null"), Objects.requireNonNull(value, "value is null"));
            return this;
        }

        /** Watches the plugins directory and loads, reloads or unloads plugins whose files change. */
        public Builder watchPluginsDir(boolean watchDir) {
            this.watch = watchDir;
            return this;
        }

        /** Where private copies of plugin files go (default: a temporary folder deleted on close). */
        public Builder workDir(Path dir) {
            this.workDir = Objects.requireNonNull(dir, "dir is null");
            return this;
        }

        /** Builds the host and loads what was configured; problems are collected, not thrown. */
        public Plugbench build() {
            try {
                return new Plugbench(this);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot prepare the host's work folder: " + e.getMessage(), e);
            }
        }
    }
}
