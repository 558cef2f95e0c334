package dev.plugbench.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a command of this CLI in a JVM of its own, its output copied to this command's: how a check
 * of a plugin nobody vetted (the hot-swap drill) keeps the plugin's code out of this JVM. The child
 * gets this JVM's class path and its {@code -D} and {@code -X} settings.
 */
final class ChildJvm {
    private ChildJvm() {
    }

    /** The child's exit status, after its output went to {@code out}. */
    static int run(List<String> args, PrintWriter out) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-D") || a.startsWith("-X") && !a.startsWith("-Xrunjdwp") && !a.startsWith("-Xdebug")).forEach(command::add);
        // the log settings (HostLog), also when set after start-up
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("plugbench.log.")).sorted()
                .map(k -> "-D" + k + "=" + System.getProperty(k)).filter(a -> !command.contains(a)).forEach(command::add);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(args);
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    out.println(line);
                }
            }
            out.flush();
            return p.waitFor();
        } catch (IOException e) {
            throw new Main.UserError("cannot start a JVM for the check (" + command.get(0) + "): " + e.getMessage(),
                    "check the Java installation, or give --in-process to run it in this JVM");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Main.UserError("interrupted while the check ran in its own JVM", "run it again");
        }
    }
}
