package dev.plugbench.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugbench.api.spectral.SpectralProbe;
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
 * A plugin method that calls {@code System.exit(0)}: in process the command no longer ends with 0
 * and no word, but with {@link ExitGuard#STATUS} and the plugin named, its stored cells valid for
 * {@code --resume}; in worker JVMs it fails its own cells only and the other method's results are written.
 */
class ExitGuardTest {
    @TempDir
    Path tmp;

    private record Ended(int code, String output) {
    }

    /** The command line in a JVM of its own, as ./plugbench runs it (Main.main, with its exit). */
    private Ended plugbench(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-Dorg.bytedeco.javacpp.maxbytes=2g", "-cp", System.getProperty("java.class.path"), "dev.plugbench.cli.Main"));
        command.addAll(List.of(args));
        Path log = tmp.resolve("out-" + System.nanoTime() + ".txt");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(4, TimeUnit.MINUTES)).as("the command ended").isTrue();
        return new Ended(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    @Test
    void aSystemExitInPluginCodeEndsTheCommandNonZeroNamingThePluginAndWorkersContainIt() throws Exception {
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        Files.copy(TestPlugins.v1(), plugins.resolve("probe-fixture.jar"));
        TestPluginJars.of(plugins, "exits-zero", MisbehavingProbes.ExitingZero.class);
        Path out = tmp.resolve("run");
        String[] bench = {"bench", "spectral", "--task", "digits-drift", "--quick", "--seeds", "2", "--threads", "1", "--methods",
                "frobenius,exits-zero", "--plugins", plugins.toString(), "--out", out.toString()};

        Ended inProcess = plugbench(bench);
        assertThat(inProcess.code()).as(inProcess.output()).isEqualTo(ExitGuard.STATUS);
        assertThat(inProcess.output()).contains("plugin 'exits-zero' 1.0.0 (dev.plugbench.host.MisbehavingProbes$ExitingZero.measure) called System.exit")
                .contains("--resume").contains("--workers");

        List<String> resumed = new ArrayList<>(List.of(bench));
        resumed.addAll(List.of("--resume", "--workers", "1"));
        Ended inWorkers = plugbench(resumed.toArray(String[]::new));
        assertThat(inWorkers.code()).as(inWorkers.output()).isEqualTo(3);
        assertThat(inWorkers.output()).contains("2 cell(s) failed").contains("exits-zero");
        String results = Files.readString(out.resolve("digits-drift/results.json"));
        assertThat(results).contains("\"method\" : \"frobenius\"").contains("the worker JVM stopped while running this cell");
    }

    @Test
    void anExitWithNoPluginFrameIsLeftAlone() {
        Map<Thread, StackTraceElement[]> stacks = Map.of(Thread.currentThread(), new StackTraceElement[] {
            new StackTraceElement("java.lang.Runtime", "exit", null, -1),
            new StackTraceElement("java.lang.System", "exit", null, -1),
            new StackTraceElement("org.example.App", "main", null, -1)});
        assertThat(ExitGuard.culprit(stacks)).isEmpty();
    }

    @Test
    void aClassPathMethodsExitIsNamedByItsMethod() {
        ExitGuard.registerClasspathMethod(TraceProbe.class, SpectralProbe.FAMILY + "/gram-trace");
        Map<Thread, StackTraceElement[]> stacks = Map.of(Thread.currentThread(), new StackTraceElement[] {
            new StackTraceElement("java.lang.Runtime", "exit", null, -1),
            new StackTraceElement("java.lang.System", "exit", null, -1),
            new StackTraceElement(TraceProbe.class.getName(), "measure", null, -1)});
        assertThat(ExitGuard.culprit(stacks)).hasValue("the class-path method 'spectral/gram-trace' (" + TraceProbe.class.getName() + ".measure)");
    }
}
