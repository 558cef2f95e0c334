package dev.plugbench.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugbench.api.spectral.SpectralProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    @Test
    void aSystemExitInPluginCodeEndsTheCommandNonZeroNamingThePluginAndWorkersContainIt() throws Exception {
        // in process only when asked for (--in-process): a plugin nobody trusted runs in worker JVMs by default
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        Files.copy(TestPlugins.v1(), plugins.resolve("probe-fixture.jar"));
        TestPluginJars.of(plugins, "exits-zero", MisbehavingProbes.ExitingZero.class);
        Path out = tmp.resolve("run");
        String[] bench = {"bench", "spectral", "--task", "digits-drift", "--quick", "--seeds", "2", "--threads", "1", "--methods",
                "frobenius,exits-zero", "--plugins", plugins.toString(), "--out", out.toString(), "--trust-file", tmp.resolve("trust.json").toString()};

        List<String> here = new ArrayList<>(List.of(bench));
        here.add("--in-process");
        ChildCli.Ended inProcess = ChildCli.run(tmp, here.toArray(String[]::new));
        assertThat(inProcess.code()).as(inProcess.output()).isEqualTo(ExitGuard.STATUS);
        assertThat(inProcess.output()).contains("plugin 'exits-zero' 1.0.0 (dev.plugbench.host.MisbehavingProbes$ExitingZero.measure) called System.exit")
                .contains("--resume").contains("--workers");

        List<String> resumed = new ArrayList<>(List.of(bench));
        resumed.addAll(List.of("--resume", "--workers", "1"));
        ChildCli.Ended inWorkers = ChildCli.run(tmp, resumed.toArray(String[]::new));
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
