package dev.plugbench.host;

import dev.plugbench.api.ApiVersion;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Static and dynamic checks of a built plugin file before it is installed, like an IDE's plugin
 * verifier: the descriptor, the API range, the extension index, bundled copies of what the host
 * provides, every reference into the contract and toolkit against this host's classes (a bytecode
 * scan), method ids against the installed plugins, then one sample call of each method.
 */
public final class PluginVerifier {
    /** Packages the host provides to every plugin: a plugin must not bundle them. */
    static final List<String> PROVIDED = List.of("dev/plugbench/api/", "dev/plugbench/toolkit/", "org/pf4j/", "com/google/inject/",
            "org/nd4j/", "org/bytedeco/", "jakarta/inject/");
    /** Packages whose members a plugin's references are checked against. */
    private static final List<String> CHECKED = List.of("dev/plugbench/api/", "dev/plugbench/toolkit/");

    private PluginVerifier() {
    }

    /** A finding: an error makes the plugin unfit to install, a warning does not. */
    public record Finding(Level level, String check, String message, String fix) {
        /** How serious a finding is. */
        public enum Level { OK, WARNING, ERROR }

        @Override
        public String toString() {
            return level + " " + check + ": " + message + (fix == null || fix.isEmpty() ? "" : " (fix: " + fix + ")");
        }
    }

    /** All findings, in check order; {@link #passed()} when none is an error. */
    public record Report(Path file, List<Finding> findings) {
        public boolean passed() {
            return findings.stream().noneMatch(f -> f.level() == Finding.Level.ERROR);
        }
    }

    /**
     * Verifies a plugin file (jar, or zip with classes/ and lib/).
     *
     * @param file      the plugin
     * @param installed the folder of installed plugins to check method ids against, if any
     */
    public static Report verify(Path file, Optional<Path> installed) {
        List<Finding> out = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            out.add(error("file", file + " is not a file", "give the path of a built plugin jar or zip (target/*.jar)"));
            return new Report(file, out);
        }
        Map<String, byte[]> entries;
        try {
            entries = entries(file);
        } catch (IOException e) {
            out.add(error("file", file + " cannot be read as a jar or zip: " + e.getMessage(), "rebuild the plugin (mvn package)"));
            return new Report(file, out);
        }
        Properties descriptor = descriptor(entries, out);
        index(entries, out);
        bundled(entries, out);
        references(entries, out);
        if (descriptor != null && out.stream().noneMatch(f -> f.level() == Finding.Level.ERROR)) {
            out.addAll(VerifierWorker.run(file, descriptor.getProperty("plugin.id"), installed));
        }
        return new Report(file, List.copyOf(out));
    }

    /** The jar's entries, or a zip plugin's (classes/ stripped, lib/*.jar expanded). */
    private static Map<String, byte[]> entries(Path file) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (ZipEntry e : Collections.list(zip.entries())) {
                if (e.isDirectory()) {
                    continue;
                }
                byte[] bytes;
                try (InputStream in = zip.getInputStream(e)) {
                    bytes = in.readAllBytes();
                }
                String name = e.getName();
                if (name.startsWith("lib/") && name.endsWith(".jar")) {
                    try (JarInputStream jar = new JarInputStream(new ByteArrayInputStream(bytes))) {
                        for (JarEntry j; (j = jar.getNextJarEntry()) != null; ) {
                            if (!j.isDirectory()) {
                                out.put(j.getName(), jar.readAllBytes());
                            }
                        }
                    }
                } else {
                    out.put(name.startsWith("classes/") ? name.substring("classes/".length()) : name, bytes);
                }
            }
        }
        return out;
    }

    private static Properties descriptor(Map<String, byte[]> entries, List<Finding> out) {
        byte[] raw = entries.get("plugin.properties");
        if (raw == null) {
            out.add(error("descriptor", "no plugin.properties at the root", "put plugin.properties at the module's root; the plugin profile copies it"));
            return null;
        }
        Properties p = new Properties();
        try {
            p.load(new java.io.StringReader(new String(raw, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            out.add(error("descriptor", "plugin.properties cannot be read: " + e.getMessage(), "write it as key=value lines"));
            return null;
        }
        boolean ok = true;
        for (String key : List.of("plugin.id", "plugin.version", "plugin.requires")) {
            if (p.getProperty(key, "").isBlank()) {
                out.add(error("descriptor", key + " is missing", "add " + key + " to plugin.properties"));
                ok = false;
            }
        }
        String version = p.getProperty("plugin.version", "");
        if (!version.isBlank() && !version.matches("\\d+\\.\\d+\\.\\d+([-+].*)?")) {
            out.add(error("descriptor", "plugin.version '" + version + "' is not a semantic version", "use X.Y.Z (plugin.version=${project.version})"));
            ok = false;
        }
        for (String key : List.of("plugin.provider", "plugin.description", "plugin.license")) {
            if (p.getProperty(key, "").isBlank()) {
                out.add(new Finding(Finding.Level.WARNING, "descriptor", key + " is missing", "add it: reports and listings show it"));
            }
        }
        if (!p.getProperty("plugin.dependencies", "").isBlank()) {
            out.add(error("descriptor", "plugin.dependencies '" + p.getProperty("plugin.dependencies") + "': plugin-to-plugin dependencies "
                    + "are not supported", "put the shared code in the plugin's own lib/ (or shade it), and remove plugin.dependencies"));
            ok = false;
        }
        String requires = p.getProperty("plugin.requires", "");
        if (!requires.isBlank() && !HostPluginManager.satisfies(ApiVersion.VERSION, requires)) {
            out.add(error("api range", "plugin.requires '" + requires + "' excludes this host's API " + ApiVersion.VERSION,
                    "build against plugbench-api " + ApiVersion.VERSION + " and widen the range, or use a host in it"));
            ok = false;
        }
        if (ok) {
            out.add(new Finding(Finding.Level.OK, "descriptor", p.getProperty("plugin.id") + " " + version + ", requires " + requires, ""));
        }
        return ok ? p : null;
    }

    private static void index(Map<String, byte[]> entries, List<Finding> out) {
        byte[] raw = entries.get("META-INF/extensions.idx");
        if (raw == null) {
            out.add(error("extension index", "no META-INF/extensions.idx", "annotate each method class with @org.pf4j.Extension and declare "
                    + "PF4J in the compiler's annotationProcessorPaths (the plugin profile does)"));
            return;
        }
        List<String> names = new String(raw, StandardCharsets.UTF_8).lines().map(String::trim)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        if (names.isEmpty()) {
            out.add(error("extension index", "META-INF/extensions.idx lists no class", "annotate the method classes with @Extension"));
        }
        for (String n : names) {
            if (!entries.containsKey(n.replace('.', '/') + ".class")) {
                out.add(error("extension index", "it lists " + n + ", which is not in the plugin", "rebuild: the index and the classes disagree"));
            }
        }
    }

    private static void bundled(Map<String, byte[]> entries, List<Finding> out) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String name : entries.keySet()) {
            if (name.endsWith(".class")) {
                PROVIDED.stream().filter(name::startsWith).findFirst().ifPresent(p -> counts.merge(p, 1, Integer::sum));
            }
        }
        counts.forEach((pkg, n) -> out.add(error("bundled classes", n + " classes of " + pkg.replace('/', '.') + "* are bundled; the host "
                + "provides them and always loads its own", "declare that dependency <scope>provided</scope> (the plugin profile does)")));
    }

    private static void references(Map<String, byte[]> entries, List<Finding> out) {
        ClassLoader host = PluginVerifier.class.getClassLoader();
        int checked = 0;
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            if (!e.getKey().endsWith(".class") || PROVIDED.stream().anyMatch(e.getKey()::startsWith)) {
                continue;
            }
            String from = e.getKey().substring(0, e.getKey().length() - 6).replace('/', '.');
            ClassReferences refs;
            try {
                refs = ClassReferences.read(e.getValue());
            } catch (IOException ex) {
                out.add(error("references", e.getKey() + " is not a valid class file: " + ex.getMessage(), "rebuild the plugin"));
                continue;
            }
            for (String c : refs.classes()) {
                if (CHECKED.stream().anyMatch(c::startsWith)) {
                    checked++;
                    if (load(c, host) == null) {
                        missing.add(from + " uses class " + c.replace('/', '.'));
                    }
                }
            }
            for (ClassReferences.Member m : refs.members()) {
                if (CHECKED.stream().anyMatch(m.owner()::startsWith)) {
                    checked++;
                    Class<?> owner = load(m.owner(), host);
                    if (owner != null && !exists(owner, m)) {
                        missing.add(from + " uses " + m.display());
                    }
                }
            }
        }
        for (String m : missing) {
            out.add(error("references", m + ", which this host's contract and toolkit do not have",
                    "build against plugbench-api and plugbench-toolkit " + ApiVersion.VERSION + " (the versions this host runs)"));
        }
        if (missing.isEmpty()) {
            out.add(new Finding(Finding.Level.OK, "references", checked + " references into the contract and toolkit exist in this host", ""));
        }
    }

    private static Class<?> load(String internalName, ClassLoader loader) {
        try {
            return Class.forName(internalName.replace('/', '.'), false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    /** Whether the class (or a supertype) declares the member with that name and descriptor. */
    private static boolean exists(Class<?> owner, ClassReferences.Member m) {
        List<Class<?>> todo = new ArrayList<>(List.of(owner));
        while (!todo.isEmpty()) {
            Class<?> c = todo.remove(0);
            if (m.field()) {
                for (Field f : c.getDeclaredFields()) {
                    if (f.getName().equals(m.name()) && descriptor(f.getType()).equals(m.descriptor())) {
                        return true;
                    }
                }
            } else if (m.name().equals("<init>")) {
                for (Constructor<?> k : c.getDeclaredConstructors()) {
                    if (descriptor(k.getParameterTypes(), void.class).equals(m.descriptor())) {
                        return true;
                    }
                }
                return false;
            } else {
                for (Method x : c.getDeclaredMethods()) {
                    if (x.getName().equals(m.name()) && descriptor(x.getParameterTypes(), x.getReturnType()).equals(m.descriptor())) {
                        return true;
                    }
                }
            }
            if (c.getSuperclass() != null) {
                todo.add(c.getSuperclass());
            }
            todo.addAll(List.of(c.getInterfaces()));
        }
        return false;
    }

    private static String descriptor(Class<?>[] params, Class<?> result) {
        StringBuilder sb = new StringBuilder("(");
        for (Class<?> p : params) {
            sb.append(descriptor(p));
        }
        return sb.append(')').append(descriptor(result)).toString();
    }

    private static String descriptor(Class<?> c) {
        if (c.isArray()) {
            return c.getName().replace('.', '/');
        }
        if (c.isPrimitive()) {
            return switch (c.getName()) {
                case "void" -> "V";
                case "boolean" -> "Z";
                case "byte" -> "B";
                case "char" -> "C";
                case "short" -> "S";
                case "int" -> "I";
                case "long" -> "J";
                case "float" -> "F";
                default -> "D";
            };
        }
        return "L" + c.getName().replace('.', '/') + ";";
    }

    /**
     * Loads the plugin into a throwaway host, checks ids against the installed plugins, calls each
     * method once, drills hot swap, all in {@code scratch} (which the caller deletes). Runs in
     * {@link VerifierWorker}'s JVM.
     */
    static void dynamicInProcess(Path file, String pluginId, Optional<Path> installed, Path scratch, List<Finding> out) {
        Path plugins = scratch.resolve("plugins");
        try {
            Files.createDirectories(plugins);
            Files.copy(file, plugins.resolve(file.getFileName()));
        } catch (IOException e) {
            out.add(error("load", "cannot prepare a scratch folder: " + e.getMessage(), "check the temporary folder"));
            return;
        }
        try (Plugbench host = Plugbench.builder().exitGuard(false).pluginsDir(plugins).discoverClasspath(false).workDir(scratch.resolve("work")).build()) {
            // the drill runs after callEach's frame is gone: a binding left in one of its slots would hold the first version
            if (callEach(host, pluginId, installed, out)) {
                drill(host, pluginId, out);
            }
        }
    }

    /** Lists the methods, checks their ids against the installed plugins, calls each once; whether every call answered. */
    private static boolean callEach(Plugbench host, String pluginId, Optional<Path> installed, List<Finding> out) {
        host.problems().forEach(p -> out.add(error("load", p.message(), p.fix())));
        List<RegisteredMethod<?>> methods = host.allMethods();
        List<String> tasks = host.pluginTasks().stream().map(PluginTask::key).toList();
        if (methods.isEmpty() && tasks.isEmpty()) {
            out.add(error("load", "the plugin registers no method and no task", "see the errors above"));
            return false;
        }
        out.add(new Finding(Finding.Level.OK, "load", "methods " + methods.stream().map(m -> m.family() + "/" + m.id()).toList()
                + (tasks.isEmpty() ? "" : ", benchmark tasks " + tasks), ""));
        if (methods.isEmpty()) {
            return false; // tasks only: nothing to call or swap under calls
        }
        installed.filter(Files::isDirectory).ifPresent(d -> clashes(d, pluginId, methods, out));
        boolean answered = true;
        for (MethodBinding b : host.registryView().bindingsOf(pluginId)) {
            try {
                Families.sampleCall(b.extensionPoint(), host.method(b.extensionPoint(), b.info().id()));
                out.add(new Finding(Finding.Level.OK, "sample call", b.info().family() + "/" + b.info().id() + " answered a small valid input", ""));
            } catch (RuntimeException | LinkageError e) {
                answered = false;
                out.add(error("sample call", b.info().family() + "/" + b.info().id() + " failed on a small valid input: "
                        + e.getClass().getSimpleName() + ": " + e.getMessage(), "run the conformance kit (plugbench-tck) in the plugin's tests"));
            }
        }
        return answered;
    }

    /** A short hot-swap drill (the one hotswap-check and the kit run): 3 swaps, 5 calls to each version. */
    private static void drill(Plugbench host, String pluginId, List<Finding> out) {
        try {
            DrillReport r = new HotswapDrill(host).run(pluginId, new HotswapDrill.Options(3, 2, 5, java.time.Duration.ofSeconds(30)));
            if (r.passed()) {
                out.add(new Finding(Finding.Level.OK, "hot swap", r.swaps() + " reloads under " + r.calls() + " calls: none failed, nothing leaked", ""));
            } else {
                List<String> why = new ArrayList<>(r.findings());
                r.failures().forEach(f -> why.add("failed call: " + f));
                out.add(error("hot swap", String.join("; ", why), "run plugbench hotswap-check on the file, and the kit's HotSwapContract in the plugin's tests"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.add(error("hot swap", "interrupted", "run it again"));
        }
    }

    private static void clashes(Path installedDir, String pluginId, List<RegisteredMethod<?>> methods, List<Finding> out) {
        try (Plugbench installed = Plugbench.builder().pluginsDir(installedDir).discoverClasspath(false).build()) {
            for (RegisteredMethod<?> m : methods) {
                installed.allMethods().stream()
                        .filter(o -> o.family().equals(m.family()) && o.id().equals(m.id()) && !o.pluginId().equals(pluginId))
                        .forEach(o -> out.add(error("method ids", m.family() + "/" + m.id() + " is already provided by the installed plugin "
                                + o.pluginId() + " " + o.pluginVersion(), "rename the method (ids are unique within a family)")));
            }
        }
    }

    private static Finding error(String check, String message, String fix) {
        return new Finding(Finding.Level.ERROR, check, message, fix);
    }
}
