package dev.plugbench.cli;

import dev.plugbench.api.ApiVersion;
import dev.plugbench.host.FamilyDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code plugbench new-plugin FAMILY ID [DIR]}: a plugin project that builds with {@code mvn verify},
 * holds one working method of the family and its conformance test, and loads in the host as is.
 * The templates are resources: the project's shared files here ({@code newplugin/}), each family's method
 * and its test in the family's module ({@code META-INF/plugbench/new-plugin/<family>.java.txt} and
 * {@code <family>.test.java.txt}), so a family from elsewhere brings its own.
 */
@Command(name = "new-plugin", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Create a plugin project with one working method of FAMILY (lwa, latent, attribution, spectral, or any family whose module ships templates) and its conformance "
                + "test: build it with 'mvn -B verify' (after 'mvn -B install -DskipTests' in Plugbench's checkout).")
final class NewPluginCommand implements Callable<Integer> {
    private static final String TEMPLATES = "/dev/plugbench/cli/newplugin/";

    @Parameters(index = "0", paramLabel = "FAMILY", description = "the extension point's family")
    private String family;

    @Parameters(index = "1", paramLabel = "ID", description = "the plugin and method id, e.g. stable-rank")
    private String id;

    @Parameters(index = "2", paramLabel = "DIR", arity = "0..1", description = "where to create it (default ./ID); must not exist")
    private Path dir;

    @Option(names = "--group", paramLabel = "G", defaultValue = "org.example", description = "Maven groupId and Java package root (default ${DEFAULT-VALUE})")
    private String group;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (!id.matches("[a-z][a-z0-9-]{0,63}")) {
            throw new Main.UserError("plugin id '" + id + "' is not valid", "use lower-case letters, digits and dashes, starting with a letter");
        }
        if (!group.matches("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*")) {
            throw new Main.UserError("group '" + group + "' is not a valid Java package", "use e.g. org.example");
        }
        String method = familyTemplate(family + ".java.txt");
        String test = familyTemplate(family + ".test.java.txt");
        if (method == null || test == null) {
            throw new Main.UserError("no template for family '" + family + "'", "use one of " + String.join(", ", familiesWithTemplates()));
        }
        Path target = dir != null ? dir : Path.of(id);
        if (Files.exists(target)) {
            throw new Main.UserError(target + " already exists", "give a new folder as DIR");
        }
        String className = className(id);
        String pkg = group + "." + id.replace("-", "");
        Map<String, String> values = new LinkedHashMap<>();
        values.put("@PACKAGE@", pkg);
        values.put("@CLASS@", className);
        values.put("@ID@", id);
        values.put("@DISPLAY@", className);
        values.put("@GROUP@", group);
        values.put("@PLUGBENCH_VERSION@", ApiVersion.VERSION);
        values.put("@API_VERSION@", ApiVersion.VERSION);
        values.put("@DESCRIPTION@", "A " + family + " method: " + id);
        Path sources = target.resolve("src/main/java").resolve(pkg.replace('.', '/'));
        Path tests = target.resolve("src/test/java").resolve(pkg.replace('.', '/'));
        write(target.resolve("pom.xml"), fill(template("pom.xml.txt"), values));
        write(target.resolve("plugin.properties"), fill(template("plugin.properties.txt"), values));
        write(sources.resolve(className + ".java"), fill(method, values));
        write(tests.resolve(className + "Test.java"), fill(test, values));
        write(tests.resolve(className + "HotSwapTest.java"), fill(template("hotswap.test.java.txt"), values));
        PrintWriter out = spec.commandLine().getOut();
        out.println("created " + target + ": " + family + " method '" + id + "' (" + pkg + "." + className + "), its conformance test and its hot-swap drill");
        out.println("next: cd " + target + " && mvn -B verify   # then: plugbench verify-plugin target/" + id + "-1.0.0.jar");
        return 0;
    }

    /** {@code stable-rank} to {@code StableRank}. */
    static String className(String id) {
        StringBuilder sb = new StringBuilder();
        for (String part : id.split("-")) {
            if (!part.isEmpty()) {
                sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return Character.isDigit(sb.charAt(0)) ? "M" + sb : sb.toString();
    }

    /** Where a family's module keeps its method and test templates. */
    private static final String FAMILY_TEMPLATES = "META-INF/plugbench/new-plugin/";

    private static String familyTemplate(String name) throws IOException {
        try (InputStream in = NewPluginCommand.class.getClassLoader().getResourceAsStream(FAMILY_TEMPLATES + name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The families on the class path whose modules ship templates, by id. */
    private static List<String> familiesWithTemplates() {
        List<String> families = new java.util.ArrayList<>();
        for (FamilyDescriptor<?> d : java.util.ServiceLoader.load(FamilyDescriptor.class, NewPluginCommand.class.getClassLoader())) {
            if (NewPluginCommand.class.getClassLoader().getResource(FAMILY_TEMPLATES + d.family() + ".java.txt") != null) {
                families.add(d.family());
            }
        }
        java.util.Collections.sort(families);
        return families;
    }

    private static String template(String name) throws IOException {
        try (InputStream in = NewPluginCommand.class.getResourceAsStream(TEMPLATES + name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String fill(String template, Map<String, String> values) {
        String s = template;
        for (Map.Entry<String, String> e : values.entrySet()) {
            s = s.replace(e.getKey(), e.getValue());
        }
        return s;
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent() == null ? Path.of(".") : file.getParent());
        Files.writeString(file, content);
    }
}
