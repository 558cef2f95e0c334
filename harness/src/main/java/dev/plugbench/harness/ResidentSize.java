package dev.plugbench.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A process's resident memory, the {@code VmRSS} line of {@code /proc/PID/status} (Linux): what
 * {@link ResidentWatch} caps. Empty where there is no /proc or the process is gone.
 */
final class ResidentSize {
    static final long MIB = 1L << 20;

    private ResidentSize() {
    }

    static Optional<Long> of(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Optional.of(Long.parseLong(line.substring(6).replace("kB", "").trim()) * 1024);
                }
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
