package dev.plugbench.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user sees on the console, in a JVM of its own as ./plugbench runs: a command that cannot
 * find a method says why (both files of a duplicate id, with the fix), and no host problem kind prints
 * a stack trace unless {@code --verbose} asks for the plugin framework's own lines: the traces are in
 * the host's log.
 */
class ProblemsOnTheConsoleTest {
    @TempDir
    Path tmp;

    private String plugbench(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-Dplugbench.log.dir=" + tmp.resolve("logs"), "-cp", System.getProperty("java.class.path"), "dev.plugbench.cli.Main"));
        command.addAll(List.of(args));
        Path log = tmp.resolve("out-" + System.nanoTime() + ".txt");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(3, TimeUnit.MINUTES)).isTrue();
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /** One plugin folder with a problem of each kind a file can have, next to a duplicate of the fixture's method ids. */
    private Path pluginsWithEveryProblem() throws IOException {
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        Files.copy(TestPlugins.v1(), plugins.resolve("a-fixture.jar"));
        TestPlugins.variant(plugins.resolve("b-fixture-copy.jar"), Map.of("plugin.properties", TestPlugins.properties("plugin.id", "fixture-copy")));
        TestPluginJars.of(plugins, "c-ctor", "plugin.class=" + ThrowingPlugins.InConstructor.class.getName() + "\n", MisbehavingProbes.Throwing.class);
        TestPluginJars.of(plugins, "d-start", "plugin.class=" + ThrowingPlugins.InStart.class.getName() + "\n", MisbehavingProbes.Negative.class);
        Files.writeString(plugins.resolve("e-corrupt.jar"), "not a jar");
        TestPlugins.variant(plugins.resolve("f-future.jar"), Map.of("plugin.properties",
                TestPlugins.properties("plugin.id", "future").replaceAll("(?m)^plugin.requires=.*$", "plugin.requires=>=9.0.0")));
        return plugins;
    }

    /** The host's log of the commands run here: one file a day. */
    private String hostLog() throws IOException {
        List<Path> logs;
        try (var files = Files.list(tmp.resolve("logs"))) {
            logs = files.toList();
        }
        assertThat(logs).as("one log file a day").hasSize(1);
        return Files.readString(logs.get(0));
    }

    @Test
    void aMethodThatThrowsFailsItsCellsWithTheReasonAndItsStackTraceGoesToTheLogNotTheConsole() throws Exception {
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        Files.copy(TestPlugins.v1(), plugins.resolve("fixture.jar"));
        TestPluginJars.of(plugins, "throws", MisbehavingProbes.Throwing.class);
        // untrusted: its cells run in a worker JVM, which logs to the same file
        String bench = plugbench("bench", "spectral", "--task", "digits-drift", "--quick", "--seeds", "1", "--methods", "frobenius,throwing",
                "--plugins", plugins.toString(), "--out", tmp.resolve("out").toString());
        assertThat(bench).contains("this probe always fails");
        assertThat(bench.lines()).as(bench).noneMatch(l -> l.startsWith("\tat "));
        assertThat(hostLog()).contains("cell spectral digits-drift throwing seed 0").contains("java.lang.IllegalStateException: this probe always fails")
                .contains("\tat dev.plugbench.host.MisbehavingProbes$Throwing.measure");
    }

    @Test
    void aMissingMethodNamesBothFilesOfTheDuplicateAndNoProblemPrintsAStackTrace() throws Exception {
        Path plugins = pluginsWithEveryProblem();
        String bench = plugbench("bench", "spectral", "--task", "digits-drift", "--quick", "--seeds", "1", "--methods", "frobenius",
                "--plugins", plugins.toString(), "--out", tmp.resolve("out").toString());
        assertThat(bench).contains("no method 'frobenius' in family 'spectral'")
                .contains("is provided by both plugin 'probe-fixture' 1.0.0 and plugin 'fixture-copy' 1.0.0")
                .contains(plugins.resolve("a-fixture.jar").toString()).contains(plugins.resolve("b-fixture-copy.jar").toString())
                .contains("fix: give one of the two methods another id")
                .contains("START_FAILED c-ctor").contains("fails in its constructor on purpose");
        String listed = plugbench("plugins", "--plugins", plugins.toString());
        assertThat(listed).contains("DUPLICATE_METHOD").contains("START_FAILED").contains("CORRUPT_PLUGIN").contains("INCOMPATIBLE_API");
        for (String out : List.of(bench, listed)) {
            assertThat(out.lines()).as(out).noneMatch(l -> l.startsWith("\tat ") || l.contains("Exception in thread"));
        }
        assertThat(hostLog()).as("the host's log holds the framework's stack trace of the constructor that throws")
                .contains("fails in its constructor on purpose").contains("\tat dev.plugbench.host.ThrowingPlugins$InConstructor.<init>");
        String verbose = plugbench("plugins", "--verbose", "--plugins", plugins.toString());
        assertThat(verbose.lines()).as("--verbose shows the framework's stack traces").anyMatch(l -> l.startsWith("\tat "));
    }
}
