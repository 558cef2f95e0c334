package dev.plugbench.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * What the plugin build does to an outsider's sources, done in this JVM: compile (PF4J's processor
 * writes the extension index), run a conformance test class, package the jar with the filtered
 * plugin.properties.
 */
final class OutsiderBuild {
    private OutsiderBuild() {
    }

    /** Compiles the .java files under {@code sources} into {@code classes}; fails the test with javac's verdict. */
    static void compile(Path sources, Path classes) throws IOException {
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", System.getProperty("java.class.path")));
        try (Stream<Path> files = Files.walk(sources)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> args.add(f.toString()));
        }
        Files.createDirectories(classes);
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(String[]::new)))
                .as("the sources compile against the installed API, toolkit and kit").isZero();
        assertThat(classes.resolve("META-INF/extensions.idx")).as("PF4J's processor indexed the @Extension").exists();
    }

    /** Runs a compiled test class; returns the failures ("name: message"), and the number of passed tests in {@code passed[0]}. */
    static List<String> runTests(Path classes, String testClass, int[] passed) throws Exception {
        List<String> failures = new ArrayList<>();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, OutsiderBuild.class.getClassLoader())) {
            Class<?> test = loader.loadClass(testClass);
            LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(DiscoverySelectors.selectClass(test)).build(),
                    new TestExecutionListener() {
                        @Override
                        public void executionFinished(TestIdentifier id, TestExecutionResult r) {
                            if (id.isTest()) {
                                if (r.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
                                    passed[0]++;
                                } else {
                                    failures.add(id.getDisplayName() + ": " + r.getThrowable().map(Throwable::getMessage).orElse(""));
                                }
                            }
                        }
                    });
        }
        return failures;
    }

    /**
     * Runs a compiled {@code HotSwapContract} test on a packaged plugin (Maven's test phase would
     * drill the project's target/classes): fails the calling test unless its one test passed.
     */
    static void drill(Path classes, String testClass, Path jar) throws Exception {
        System.setProperty("plugbench.tck.plugin", jar.toString());
        try {
            int[] passed = new int[1];
            assertThat(runTests(classes, testClass, passed)).as("the hot-swap drill of " + jar.getFileName()).isEmpty();
            assertThat(passed[0]).isEqualTo(1);
        } finally {
            System.clearProperty("plugbench.tck.plugin");
        }
    }

    /** The plugin jar: plugin.properties with {@code ${project.version}} filtered, the compiled classes but the tests. */
    static Path packageJar(Path classes, String pluginProperties, String version, Path jar) throws IOException {
        Files.createDirectories(jar.getParent());
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(os)) {
            out.putNextEntry(new JarEntry("plugin.properties"));
            out.write(pluginProperties.replace("${project.version}", version).getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            try (Stream<Path> files = Files.walk(classes)) {
                for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.toString().endsWith("Test.class")).toList()) {
                    out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                    out.write(Files.readAllBytes(f));
                    out.closeEntry();
                }
            }
        }
        return jar;
    }
}
