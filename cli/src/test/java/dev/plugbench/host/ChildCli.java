package dev.plugbench.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The command line in a JVM of its own, as ./plugbench runs it (Main.main, with its exit): for tests of how commands end. */
final class ChildCli {
    record Ended(int code, String output) {
    }

    private ChildCli() {
    }

    /** Runs {@code plugbench args}, its output (both streams) kept in a file under {@code tmp}. */
    static Ended run(Path tmp, String... args) throws IOException, InterruptedException {
        Path log = tmp.resolve("out-" + System.nanoTime() + ".txt");
        Process p = start(log, args);
        assertThat(p.waitFor(4, TimeUnit.MINUTES)).as("the command ended").isTrue();
        return new Ended(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    /** Starts {@code plugbench args} (a command that serves until stopped, say), its output (both streams) going to {@code log}. */
    static Process start(Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-Dorg.bytedeco.javacpp.maxbytes=2g",
                // the tests' home and log (cli/pom.xml), not the developer's
                "-Duser.home=" + System.getProperty("user.home"), "-Dplugbench.log.dir=" + System.getProperty("plugbench.log.dir"), "-cp", System.getProperty("java.class.path"), "dev.plugbench.cli.Main"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** The first group of {@code line} once the started command has printed it (it fails the test when the command ends first or after {@code limit}). */
    static String awaitOutput(Process p, Path log, java.util.regex.Pattern line, java.time.Duration limit) throws IOException, InterruptedException {
        for (long end = System.nanoTime() + limit.toNanos(); System.nanoTime() < end; Thread.sleep(50)) {
            java.util.regex.Matcher m = line.matcher(Files.readString(log, StandardCharsets.UTF_8));
            if (m.find()) {
                return m.group(1);
            }
            assertThat(p.isAlive()).as("the command ended: " + Files.readString(log)).isTrue();
        }
        throw new AssertionError("the command printed no " + line + " in " + limit.toSeconds() + " s: " + Files.readString(log));
    }
}
