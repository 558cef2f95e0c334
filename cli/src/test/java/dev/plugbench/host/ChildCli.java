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
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-Dorg.bytedeco.javacpp.maxbytes=2g",
                // the tests' home and log (cli/pom.xml), not the developer's
                "-Duser.home=" + System.getProperty("user.home"), "-Dplugbench.log.dir=" + System.getProperty("plugbench.log.dir"), "-cp", System.getProperty("java.class.path"), "dev.plugbench.cli.Main"));
        command.addAll(List.of(args));
        Path log = tmp.resolve("out-" + System.nanoTime() + ".txt");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(4, TimeUnit.MINUTES)).as("the command ended").isTrue();
        return new Ended(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
