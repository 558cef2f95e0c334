package dev.plugbench.host;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The dynamic checks of {@code verify-plugin} (load, one call of each method, a short hot-swap
 * drill) in a JVM of their own: a plugin that calls {@code System.exit}, crashes the JVM, runs it
 * out of memory or never returns is reported as an error, and the verifier goes on. The child
 * prints each finding as a protocol line; the parent reads them, with a time limit.
 */
public final class VerifierWorker {
    private static final String PREFIX = "PLUGBENCH-VERIFY ";
    private static final String DONE = "done";
    /** The longest the dynamic checks may take before the worker is killed. */
    private static final Duration LIMIT = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private VerifierWorker() {
    }

    /** Runs the dynamic checks of {@code file} in a worker JVM; its findings, or an error saying how the worker ended. */
    static List<PluginVerifier.Finding> run(Path file, String pluginId, Optional<Path> installed) {
        Path scratch;
        try {
            scratch = Files.createTempDirectory("plugbench-verify");
        } catch (IOException e) {
            return List.of(error("load", "cannot create a scratch folder: " + e.getMessage(), "check the temporary folder"));
        }
        try {
            return run(file, pluginId, installed, scratch);
        } finally {
            ShadowCopies.deleteTree(scratch); // also when the plugin ended the worker before it could clean up
        }
    }

    private static List<PluginVerifier.Finding> run(Path file, String pluginId, Optional<Path> installed, Path scratch) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-XX:+ExitOnOutOfMemoryError"));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(a -> a.startsWith("-Dorg.bytedeco.javacpp.")).toList());
        // the log settings of an embedding CLI (plugbench.log.*): the worker logs where its parent does
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("plugbench.log.")).sorted()
                .forEach(k -> command.add("-D" + k + "=" + System.getProperty(k)));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), VerifierWorker.class.getName(), file.toAbsolutePath().toString(),
                pluginId, installed.map(p -> p.toAbsolutePath().toString()).orElse(""), scratch.toString()));
        List<PluginVerifier.Finding> findings = new ArrayList<>();
        Process p;
        try {
            p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            return List.of(error("worker", "cannot start a JVM for the dynamic checks: " + e.getMessage(), "check the Java installation"));
        }
        boolean done = false;
        Thread killer = new Thread(() -> {
            try {
                if (!p.waitFor(LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
            }
        }, "plugbench-verify-limit");
        killer.setDaemon(true);
        killer.start();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith(PREFIX + DONE)) {
                    done = true;
                } else if (line.startsWith(PREFIX)) {
                    findings.add(JSON.readValue(line.substring(PREFIX.length()), PluginVerifier.Finding.class));
                }
            }
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            findings.add(error("worker", "cannot read the dynamic checks' worker: " + e.getMessage(), "run verify-plugin again"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
        if (!done) {
            String how = p.isAlive() || p.exitValue() == 137 ? "did not finish within " + LIMIT.toMinutes() + " minutes and was killed"
                    : "ended with exit status " + p.exitValue();
            findings.add(error("worker", "the JVM running the plugin's methods " + how + " (System.exit, a crash, an out-of-memory error or a "
                    + "call that never returns, in the plugin)", "run the conformance kit (plugbench-tck) in the plugin's tests to find which method"));
            p.destroyForcibly();
        }
        return findings;
    }

    private static PluginVerifier.Finding error(String check, String message, String fix) {
        return new PluginVerifier.Finding(PluginVerifier.Finding.Level.ERROR, check, message, fix);
    }

    /** The worker: {@code FILE PLUGIN_ID INSTALLED_DIR_OR_EMPTY SCRATCH_DIR}; prints one protocol line a finding, then the end marker. */
    public static void main(String[] args) throws IOException {
        Optional<Path> installed = args[2].isEmpty() ? Optional.empty() : Optional.of(Path.of(args[2]));
        List<PluginVerifier.Finding> out = new ArrayList<>();
        PluginVerifier.dynamicInProcess(Path.of(args[0]), args[1], installed, Path.of(args[3]), out);
        // the protocol channel is the process's standard output itself (what a plugin prints goes there too, without the prefix)
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        for (PluginVerifier.Finding f : out) {
            protocol.println(PREFIX + JSON.writeValueAsString(Map.of("level", f.level(), "check", f.check(), "message", f.message(),
                    "fix", f.fix() == null ? "" : f.fix())));
        }
        protocol.println(PREFIX + DONE);
        protocol.flush();
        System.exit(0); // a plugin's non-daemon thread must not keep the worker alive
    }
}
