package dev.plugbench.serving;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the calling thread the lowest CPU priority (Linux nice 19), so that work done beside the
 * requests (fitting a new version's rule) takes only the CPU they leave. Java's thread priorities
 * do nothing on Linux without root; a thread is a task of its own there, and raising a task's nice
 * value needs no privilege. Where it cannot be done (not Linux, no {@code renice}) the thread runs
 * at normal priority, which is only slower for the requests, never wrong.
 */
final class BackgroundPriority {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundPriority.class);
    static final int NICE = 19;

    private BackgroundPriority() {
    }

    /** Lowers the calling thread's priority; returns whether it was lowered. */
    static boolean lowerCurrentThread() {
        Path self = Path.of("/proc/thread-self");
        if (!Files.exists(self)) {
            return false;
        }
        try {
            String tid = Files.readSymbolicLink(self).getFileName().toString(); // "PID/task/TID"
            Process renice = new ProcessBuilder("renice", "-n", String.valueOf(NICE), "-p", tid).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!renice.waitFor(5, TimeUnit.SECONDS)) {
                renice.destroyForcibly();
                return false;
            }
            return renice.exitValue() == 0;
        } catch (IOException | RuntimeException e) {
            LOG.debug("could not lower the priority of {}: {}", Thread.currentThread().getName(), e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** This thread's nice value (Linux), or empty. */
    static java.util.OptionalInt currentNice() {
        try {
            String stat = Files.readString(Path.of("/proc/thread-self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return java.util.OptionalInt.of(Integer.parseInt(f[16])); // field 19 of stat: nice
        } catch (IOException | RuntimeException e) {
            return java.util.OptionalInt.empty();
        }
    }
}
