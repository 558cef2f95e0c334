package dev.plugbench.host;

import com.google.inject.Injector;
import dev.plugbench.api.ApiVersion;
import dev.plugbench.api.Method;
import dev.plugbench.api.MethodInfo;
import dev.plugbench.api.bench.BenchTask;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads, reloads and unloads PF4J plugins and keeps the registry in step. Every operation is
 * serialised here (PF4J's manager is not thread-safe); calls into methods never wait on it.
 *
 * <p>A reload reads and checks the new file first, then unloads the old version from PF4J while
 * the registry still serves it, loads and starts the new one, and switches the registry over in one
 * step. If anything fails, the old version keeps serving and the failure becomes a problem.
 */
final class PluginRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PluginRuntime.class);

    /** A loaded plugin: what it is, where it came from, and a weak reference to its class loader. */
    record Loaded(PluginInfo info, Path file, WeakReference<ClassLoader> loader, boolean inManager) {
    }

    private final HostPluginManager manager;
    private final GuiceExtensionFactory factory;
    private final MethodRegistry registry;
    private final Problems problems;
    private final ShadowCopies shadows;
    private final Map<String, Loaded> plugins = new LinkedHashMap<>();
    /** Plugin ids held by several files of one version with other content: the files; none of them loads. */
    private final Map<String, List<Path>> contested = new LinkedHashMap<>();
    /** Every class loader this runtime created, by plugin id (weakly): whose threads may outlive an unload. */
    private final List<Map.Entry<String, WeakReference<ClassLoader>>> generations = new CopyOnWriteArrayList<>();

    /** The plugins this host may load, or null to load any. */
    private volatile TrustList trust;

    /** Loads only the files on {@code list} from now on (null: any file). */
    void trustedOnly(TrustList list) {
        this.trust = list;
    }

    /** Benchmark tasks of loaded plugins, by plugin id. */
    private final Map<String, List<PluginTask>> tasks = new LinkedHashMap<>();
    /** "family/name" of the tasks on the host's class path, which a plugin task may not reuse. */
    private final Set<String> classpathTasks;

    PluginRuntime(Path pluginsRoot, Injector root, MethodRegistry registry, Problems problems, ShadowCopies shadows, Set<String> classpathTasks) {
        this.classpathTasks = Set.copyOf(classpathTasks);
        this.manager = new HostPluginManager(pluginsRoot, ApiVersion.VERSION);
        this.factory = manager.guiceFactory();
        this.factory.setRoot(root);
        this.registry = registry;
        this.problems = problems;
        this.shadows = shadows;
    }

    /** Loads one plugin file or development folder; problems are recorded and returned in the outcome. */
    synchronized Outcome load(Path file) {
        Checked checked = check(file);
        if (checked.problem != null) {
            return Outcome.failed(record(checked.problem));
        }
        PluginDescriptor d = checked.descriptor;
        List<Path> rivals = contested.get(d.getPluginId());
        if (rivals != null) {
            // a contested id stays unused, whichever of its files changes or arrives, until only one file is left
            if (!rivals.contains(file)) {
                rivals.add(file);
            }
            return Outcome.failed(record(problem(d.getPluginId(), Problem.Kind.DUPLICATE_PLUGIN, "plugin '" + d.getPluginId() + "' is held by "
                    + rivals + " with other content; none of them loads", "keep one file of plugin '" + d.getPluginId() + "' in the folder")));
        }
        Loaded existing = plugins.get(d.getPluginId());
        if (existing != null) {
            return loadOver(existing, d, file, checked);
        }
        Generation g = start(d, checked.copy, file.toString());
        if (g.problem != null) {
            return Outcome.failed(record(g.problem));
        }
        problems.addAll(registry.register(g.bindings));
        tasks.put(d.getPluginId(), g.tasks);
        Loaded loaded = remember(d, file, checked.sha256, g);
        return Outcome.ok(loaded.info());
    }

    /**
     * The one rule for a second file of a loaded plugin id: a higher version upgrades the plugin (the
     * older file is named so it can be removed); the same version with the same content is the same
     * plugin twice, and with other content is refused; a lower version is refused.
     */
    private Outcome loadOver(Loaded existing, PluginDescriptor d, Path file, Checked checked) {
        String id = d.getPluginId();
        String loadedVersion = existing.info().version();
        int order = manager.getVersionManager().compareVersions(d.getVersion(), loadedVersion);
        if (order > 0) {
            Outcome upgraded = reload(id, file);
            if (upgraded.plugin() != null) {
                LOG.info("upgraded plugin '{}' {} -> {} from {}; the older file {} can be removed", id, loadedVersion, d.getVersion(), file,
                        existing.file());
            }
            return upgraded;
        }
        String why;
        String fix;
        if (order == 0 && checked.sha256.equals(existing.info().sha256())) {
            why = file + " is the same plugin '" + id + "' " + loadedVersion + " as the loaded " + existing.file();
            fix = "remove one of the two copies";
        } else if (order == 0) {
            // which of two builds is the real one cannot be told, and must not follow file order: neither serves
            unload(id);
            contested.put(id, new ArrayList<>(List.of(existing.file(), file)));
            why = file + " and " + existing.file() + " both hold plugin '" + id + "' " + loadedVersion + " with other content (SHA-256 "
                    + checked.sha256.substring(0, 12) + " vs " + existing.info().sha256().substring(0, 12)
                    + "); both are refused until one is removed";
            fix = "bump plugin.version in the new build (a higher version upgrades the older one), or remove one of the files";
            return Outcome.failed(record(problem(id, Problem.Kind.DUPLICATE_PLUGIN, why, fix)));
        } else {
            why = file + " holds plugin '" + id + "' " + d.getVersion() + ", older than the loaded " + loadedVersion + " from "
                    + existing.file() + "; it is refused";
            fix = "remove the older file, or unload the newer plugin first";
        }
        return Outcome.failed(record(problem(file.toString(), Problem.Kind.DUPLICATE_PLUGIN, why, fix)));
    }

    /** Replaces a loaded plugin by the version in {@code file} (its own file when null). */
    synchronized Outcome reload(String pluginId, Path file) {
        Loaded old = plugins.get(pluginId);
        if (old == null) {
            throw new PluginOperationException("no plugin '" + pluginId + "' is loaded; loaded: " + plugins.keySet());
        }
        Path source = file == null ? old.file() : file;
        String keeps = "; version " + old.info().version() + " keeps serving";
        Checked checked = check(source);
        if (checked.problem != null) {
            Problem p = checked.problem;
            return Outcome.failed(record(problem(pluginId, Problem.Kind.RELOAD_FAILED, p.message() + keeps, p.fix())));
        }
        PluginDescriptor d = checked.descriptor;
        if (!d.getPluginId().equals(pluginId)) {
            return Outcome.failed(record(problem(pluginId, Problem.Kind.RELOAD_FAILED,
                    source + " holds plugin '" + d.getPluginId() + "', not '" + pluginId + "'" + keeps,
                    "reload with a file of the same plugin id, or load it as a new plugin")));
        }
        if (old.inManager()) {
            manager.unloadPlugin(pluginId);
            factory.forget(pluginId);
        }
        Generation g = start(d, checked.copy, source.toString());
        if (g.problem == null && g.bindings.isEmpty() && g.tasks.isEmpty() && !old.info().methodIds().isEmpty()) {
            unloadFromManager(pluginId);
            g = Generation.failed(problem(pluginId, Problem.Kind.NO_EXTENSIONS,
                    "the new version exposes no working method", "see the problems above for why each extension failed"));
        }
        if (g.problem != null) {
            plugins.put(pluginId, new Loaded(old.info(), old.file(), old.loader(), false));
            Problem p = g.problem;
            return Outcome.failed(record(problem(pluginId, Problem.Kind.RELOAD_FAILED, p.message() + keeps, p.fix())));
        }
        problems.addAll(registry.replacePlugin(pluginId, g.bindings));
        tasks.put(pluginId, g.tasks);
        Loaded loaded = remember(d, source, checked.sha256, g);
        LOG.debug("reloaded plugin '{}' {} -> {}", pluginId, old.info().version(), d.getVersion());
        return Outcome.ok(loaded.info());
    }

    /** Unloads a plugin; its methods disappear from the registry at once. */
    synchronized void unload(String pluginId) {
        Loaded old = plugins.remove(pluginId);
        if (old == null) {
            throw new PluginOperationException("no plugin '" + pluginId + "' is loaded; loaded: " + plugins.keySet());
        }
        registry.removePlugin(pluginId);
        tasks.remove(pluginId);
        if (old.inManager()) {
            unloadFromManager(pluginId);
        }
    }

    /** The benchmark tasks of the loaded plugins, in load order. */
    synchronized List<PluginTask> tasks() {
        return tasks.values().stream().flatMap(List::stream).toList();
    }

    synchronized List<PluginInfo> plugins() {
        return plugins.values().stream().map(Loaded::info).toList();
    }

    synchronized Optional<Loaded> loaded(String pluginId) {
        return Optional.ofNullable(plugins.get(pluginId));
    }

    /** The plugin id a file declares (read from a private copy), or empty when it has no valid descriptor. */
    synchronized Optional<String> idInFile(Path file) {
        Checked c = check(file);
        return c.problem == null ? Optional.of(c.descriptor.getPluginId()) : Optional.empty();
    }

    synchronized Optional<String> idOfFile(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        return plugins.values().stream().filter(l -> l.file().toAbsolutePath().normalize().equals(abs))
                .map(l -> l.info().id()).findFirst();
    }

    @Override
    public synchronized void close() {
        for (String id : List.copyOf(plugins.keySet())) {
            unload(id);
        }
        manager.stopPlugins();
        manager.unloadPlugins();
        stopLeftThreads();
    }

    /**
     * After {@code removed} left the plugins folder: a plugin id it contested with other files is
     * loaded from the one file left, if one is. Returns that plugin, or empty.
     */
    synchronized Optional<PluginInfo> settleContest(Path removed) {
        for (Map.Entry<String, List<Path>> e : List.copyOf(contested.entrySet())) {
            List<Path> files = e.getValue();
            if (files.removeIf(f -> f.toAbsolutePath().normalize().equals(removed.toAbsolutePath().normalize()) || !Files.exists(f))
                    && files.size() <= 1) {
                contested.remove(e.getKey());
                if (files.size() == 1) {
                    return Optional.ofNullable(load(files.get(0)).plugin());
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Interrupts the threads that plugins started and left running (all generations), waits up to
     * 2 s for them, and records a problem naming each that is still running: a non-daemon one would
     * keep the embedding application's JVM from exiting.
     */
    private void stopLeftThreads() {
        for (String id : generations.stream().map(Map.Entry::getKey).distinct().toList()) {
            List<Thread> left = PluginThreads.of(generations.stream().filter(g -> g.getKey().equals(id)).map(Map.Entry::getValue).toList());
            if (left.isEmpty()) {
                continue;
            }
            List<Thread> running;
            try {
                running = PluginThreads.stop(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = left;
            }
            for (Thread t : running) {
                record(problem(id, Problem.Kind.THREAD_LEFT_RUNNING, "thread " + PluginThreads.describe(t)
                        + " still runs after the host closed and ignored an interrupt" + (t.isDaemon() ? "" : "; it keeps the JVM from exiting"),
                        "stop the plugin's threads in its Plugin.stop(), or let them end when interrupted"));
            }
        }
    }

    // --- steps -------------------------------------------------------------------------------

    /** The result of reading a file: its private copy and descriptor, or the problem. */
    private record Checked(Path copy, PluginDescriptor descriptor, String sha256, Problem problem) {
    }

    private Checked check(Path file) {
        String subject = file.toString();
        if (!Files.exists(file)) {
            return new Checked(null, null, null, problem(subject, Problem.Kind.CORRUPT_PLUGIN, "the file does not exist",
                    "check the path; plugins are .jar or .zip files, or plugin project folders in development mode"));
        }
        String sha;
        Path copy;
        try {
            copy = shadows.copy(file);
            sha = ContentHash.ofPlugin(Files.isDirectory(file) ? file : ShadowCopies.archiveOf(copy, file));
        } catch (IOException e) {
            return new Checked(null, null, null, problem(subject, Problem.Kind.CORRUPT_PLUGIN,
                    "cannot read the plugin: " + e.getMessage(), "rebuild the plugin (mvn package) and copy it again"));
        }
        PluginDescriptor d;
        try {
            d = manager.describe(copy);
        } catch (RuntimeException e) {
            return new Checked(null, null, null, problem(subject, Problem.Kind.CORRUPT_PLUGIN,
                    "no valid plugin descriptor in " + file + ": " + String.valueOf(e.getMessage()).replace(copy.toString(), file.toString()),
                    "a plugin needs plugin.properties (plugin.id, plugin.version) at its root, or Plugin-Id and Plugin-Version"
                            + " in its MANIFEST; a corrupt or truncated file reads the same: rebuild it"));
        }
        TrustList allowed = trust;
        if (allowed != null && !allowed.allows(d.getPluginId(), d.getVersion(), sha)) {
            boolean changed = allowed.entries().stream().anyMatch(e -> e.id().equals(d.getPluginId()) && e.version().equals(d.getVersion()));
            return new Checked(null, null, null, problem(subject, Problem.Kind.UNTRUSTED,
                    "plugin " + d.getPluginId() + " " + d.getVersion() + " (" + subject + ", SHA-256 " + sha.substring(0, 12) + ") is "
                            + (changed ? "trusted with other content: the file changed since it was trusted" : "not on the trust list"),
                    "if you trust this file: plugbench trust add " + file));
        }
        if (!d.getDependencies().isEmpty()) {
            return new Checked(null, null, null, problem(d.getPluginId(), Problem.Kind.CORRUPT_PLUGIN,
                    "plugin " + d.getPluginId() + " (" + subject + ") declares plugin.dependencies " + d.getDependencies()
                            + ": plugin-to-plugin dependencies are not supported (each plugin hot-swaps alone, and a dependent would pin"
                            + " its dependency's class loader)",
                    "put the shared code in the plugin's own lib/ (or shade it), and remove plugin.dependencies"));
        }
        if (!manager.satisfies(d.getRequires())) {
            return new Checked(null, null, null, problem(d.getPluginId(), Problem.Kind.INCOMPATIBLE_API,
                    "plugin " + d.getPluginId() + " " + d.getVersion() + " (" + subject + ") requires API '" + d.getRequires()
                            + "' but this host implements API " + ApiVersion.VERSION,
                    "use a plugin version built for API " + ApiVersion.VERSION + ", or a host whose API matches '" + d.getRequires() + "'"));
        }
        return new Checked(copy, d, sha, null);
    }

    /** A started generation's bindings, or why it could not start. */
    private record Generation(List<MethodBinding> bindings, List<PluginTask> tasks, ClassLoader loader, Problem problem) {
        static Generation failed(Problem p) {
            return new Generation(List.of(), List.of(), null, p);
        }
    }

    private Generation start(PluginDescriptor d, Path copy, String subject) {
        String id;
        try {
            id = manager.loadPlugin(copy);
        } catch (RuntimeException e) {
            return Generation.failed(problem(subject, Problem.Kind.CORRUPT_PLUGIN, "PF4J cannot load it: " + e.getMessage(),
                    "rebuild the plugin; check plugin.properties"));
        }
        PluginWrapper wrapper = manager.getPlugin(id);
        ClassLoader loader = wrapper.getPluginClassLoader();
        shadows.deleteWhenCollected(loader, copy);
        generations.removeIf(g -> g.getValue().get() == null);
        generations.add(Map.entry(id, new WeakReference<>(loader)));
        factory.open(id);
        String why;
        try {
            // PF4J logs a plugin class whose constructor throws and answers null, then fails on it: ask first
            if (wrapper.getPlugin() == null) {
                why = "its plugin class " + wrapper.getDescriptor().getPluginClass() + " could not be created (its constructor threw; the log"
                        + " has the cause: " + constructorFailure(wrapper) + ")";
            } else {
                PluginState state = manager.startPlugin(id);
                Throwable failure = wrapper.getFailedException();
                why = state == PluginState.STARTED ? null
                        : failure == null ? "state " + state : failure.getClass().getSimpleName() + ": " + failure.getMessage();
            }
        } catch (RuntimeException | LinkageError e) {
            why = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        if (why != null) {
            unloadFromManager(id);
            return Generation.failed(problem(id, Problem.Kind.START_FAILED, "the plugin did not start: " + why,
                    "fix the plugin class (plugin.class) constructor or start(), or remove plugin.class; see the host log for the stack trace"));
        }
        List<PluginTask> found = new ArrayList<>();
        List<MethodBinding> bindings = collect(id, d.getVersion(), wrapper, loader, found);
        return new Generation(bindings, found, loader, null);
    }

    /** The message of the exception a plugin class's constructor throws, created again to read it (PF4J only logs it). */
    private static String constructorFailure(PluginWrapper wrapper) {
        try {
            Class<?> type = wrapper.getPluginClassLoader().loadClass(wrapper.getDescriptor().getPluginClass());
            type.getDeclaredConstructor().newInstance();
            return "none on a second try";
        } catch (java.lang.reflect.InvocationTargetException e) {
            return e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage();
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    private List<MethodBinding> collect(String id, String version, PluginWrapper wrapper, ClassLoader loader, List<PluginTask> found) {
        Set<String> names = manager.getExtensionClassNames(id);
        if (names.isEmpty()) {
            record(problem(id, Problem.Kind.NO_EXTENSIONS, "the plugin has no extensions (META-INF/extensions.idx is missing or empty)",
                    "annotate each method class with @org.pf4j.Extension and declare PF4J in the compiler's annotationProcessorPaths"));
        }
        List<MethodBinding> bindings = new ArrayList<>();
        for (String name : names) {
            Class<?> type;
            try {
                type = wrapper.getPluginClassLoader().loadClass(name);
            } catch (ClassNotFoundException | LinkageError e) {
                record(problem(id, Problem.Kind.MISSING_CLASS, "extension class " + name + " cannot be loaded: " + e,
                        "rebuild the plugin so the class is in it; libraries it needs go in the plugin's lib/ unless the host provides them"));
                continue;
            }
            if (BenchTask.class.isAssignableFrom(type)) {
                task(id, version, type, loader).ifPresent(found::add);
                continue;
            }
            Optional<Class<?>> point = Families.implementedBy(type);
            if (point.isEmpty()) {
                record(problem(id, Problem.Kind.BROKEN_EXTENSION, name + " implements no Plugbench extension point",
                        "implement one of " + String.join(", ", Families.names())));
                continue;
            }
            MethodBinding b = instantiate(id, version, type, point.get(), loader);
            if (b != null) {
                bindings.add(b);
            }
        }
        return bindings;
    }

    /**
     * A plugin's benchmark task, created as extensions are (host services injectable); refused, with a
     * problem, when its family is unknown or another source already provides its family and name.
     */
    private Optional<PluginTask> task(String id, String version, Class<?> type, ClassLoader loader) {
        return underLoader(loader, () -> {
            try {
                BenchTask<?> task = (BenchTask<?>) factory.create(type);
                String family = task.family();
                Class<?> point = task.extensionPoint();
                if (point == null || !Families.extensionPoints().contains(point) || !family.equals(Families.family(point))) {
                    record(problem(id, Problem.Kind.BROKEN_EXTENSION, "task " + type.getName() + " says family '" + family + "' and extension point "
                            + (point == null ? null : point.getSimpleName()) + ", which do not name one family of this host",
                            "return an extension point of this host (" + String.join(", ", Families.names()) + ") and its FAMILY constant, for example "
                            + "SpectralProbe.class and SpectralProbe.FAMILY"));
                    return Optional.empty();
                }
                PluginTask t = new PluginTask(id, version, task);
                String owner = classpathTasks.contains(t.key()) ? "the host's class path"
                        : tasks.entrySet().stream().filter(e -> !e.getKey().equals(id) && e.getValue().stream().anyMatch(o -> o.key().equals(t.key())))
                        .map(e -> "plugin '" + e.getKey() + "'").findFirst().orElse(null);
                if (owner != null) {
                    record(problem(id, Problem.Kind.DUPLICATE_TASK, "task '" + t.key() + "' from " + type.getName() + " is refused: " + owner
                            + " already provides it", "rename the task (name()) in plugin '" + id + "', or remove the other one"));
                    return Optional.empty();
                }
                return Optional.of(t);
            } catch (RuntimeException | LinkageError e) {
                record(problem(id, Problem.Kind.BROKEN_EXTENSION, "task " + type.getName() + " failed: " + e.getMessage(),
                        "fix its constructor, family(), name() or extensionPoint(); constructor parameters must be host services with @Inject"));
                return Optional.empty();
            }
        });
    }

    private MethodBinding instantiate(String id, String version, Class<?> type, Class<?> point, ClassLoader loader) {
        return underLoader(loader, () -> {
            try {
                Object instance = factory.create(type);
                MethodInfo info = ((Method) instance).info();
                String family = Families.family(point);
                if (info == null || !family.equals(info.family())) {
                    record(problem(id, Problem.Kind.BROKEN_EXTENSION, type.getName() + " implements " + point.getSimpleName()
                            + " (family '" + family + "') but its info() says family '" + (info == null ? null : info.family()) + "'",
                            "return MethodInfo with the FAMILY constant of " + point.getSimpleName()));
                    return null;
                }
                return new MethodBinding(point, info, instance, Source.PF4J, id, version, loader);
            } catch (RuntimeException | LinkageError e) {
                record(problem(id, Problem.Kind.BROKEN_EXTENSION, "extension " + type.getName() + " failed: " + e.getMessage(),
                        "fix its constructor or info(); constructor parameters must be host services (see sdk-docs) with @Inject"));
                return null;
            }
        });
    }

    /** Runs {@code body} with a plugin's class loader as the thread's context loader: extensions are created and asked about themselves under it. */
    private static <T> T underLoader(ClassLoader loader, java.util.function.Supplier<T> body) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return body.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private Loaded remember(PluginDescriptor d, Path file, String sha, Generation g) {
        List<String> ids = g.bindings.stream().map(MethodBinding::key).sorted().toList();
        PluginInfo info = new PluginInfo(d.getPluginId(), d.getVersion(), d.getRequires(), file, sha, ids);
        Loaded loaded = new Loaded(info, file, new WeakReference<>(g.loader), true);
        plugins.put(d.getPluginId(), loaded);
        return loaded;
    }

    private void unloadFromManager(String id) {
        try {
            manager.unloadPlugin(id);
        } catch (RuntimeException e) {
            record(problem(id, Problem.Kind.START_FAILED, "PF4J could not unload it cleanly: " + e.getMessage(),
                    "check the plugin's stop(); the host dropped it regardless"));
        }
        factory.forget(id);
    }

    private Problem record(Problem p) {
        problems.add(p);
        return p;
    }

    private static Problem problem(String subject, Problem.Kind kind, String message, String fix) {
        return new Problem(subject, kind, message, fix, Instant.now());
    }

    /** What a load or reload did. */
    record Outcome(PluginInfo plugin, Problem problem) {
        static Outcome ok(PluginInfo p) {
            return new Outcome(p, null);
        }

        static Outcome failed(Problem p) {
            return new Outcome(null, p);
        }

        PluginInfo orThrow() {
            if (problem != null) {
                throw new PluginOperationException(problem.toString());
            }
            return plugin;
        }
    }
}
