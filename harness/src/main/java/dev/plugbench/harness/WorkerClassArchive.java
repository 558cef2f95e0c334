package dev.plugbench.harness;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The JDK's application class-data sharing (AppCDS) for worker JVMs, made on first use: the first
 * worker that finds no archive for its class path and JVM records the classes it loaded into one when
 * it ends ({@code -XX:ArchiveClassesAtExit}); later workers map it ({@code -XX:SharedArchiveFile}) and
 * skip parsing and verifying those classes (measured: a worker's start 3.1-3.4 s without, 1.9-2.1 s
 * with, sdk-docs/trust-and-isolation.md). One archive per class path, file sizes and times, and JVM,
 * in {@link CacheDirectory}{@code /cds}; made by one JVM at a time (a lock file; one older than 10
 * minutes is taken as left by a killed worker), written under a temporary name and moved into place
 * when its worker ended, so no worker maps half a file. The JVM's own CDS messages are off: they go to
 * standard output, the worker protocol's channel. {@code -Dplugbench.worker.classArchive=false}
 * turns it off; a JVM that cannot map the archive runs without it; a class path with a folder (tests
 * run from a build's {@code target/classes}) gets none, as the JDK archives classes from jars only.
 */
final class WorkerClassArchive {
    static final String PROPERTY = "plugbench.worker.classArchive";
    private static final Duration STALE_LOCK = Duration.ofMinutes(10);
    private static final List<String> QUIET = List.of("-Xshare:auto", "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    private final Path archive;
    /** False when the class path has a folder (a build's target/classes): the JDK archives classes from jars only, and fails the dump. */
    private final boolean archivable;

    private WorkerClassArchive(Path archive, boolean archivable) {
        this.archive = archive;
        this.archivable = archivable;
    }

    /** What one worker start does with the archive: its JVM options, and what to do once that JVM ended. */
    static final class Use {
        private final List<String> options;
        private final Runnable afterExit;
        private final AtomicBoolean ended = new AtomicBoolean();

        private Use(List<String> options, Runnable afterExit) {
            this.options = options;
            this.afterExit = afterExit;
        }

        /** The JVM options. */
        List<String> options() {
            return options;
        }

        /** Called when the worker JVM ended (or never started); a second call does nothing. */
        void ended() {
            if (!ended.getAndSet(true)) {
                afterExit.run();
            }
        }
    }

    private static final Use NONE = new Use(List.of(), () -> { });

    /** The archive of workers started with {@code classPath} by this JVM's java executable. */
    static WorkerClassArchive of(String classPath) {
        boolean jarsOnly = Arrays.stream(classPath.split(File.pathSeparator)).noneMatch(e -> new File(e).isDirectory());
        return new WorkerClassArchive(CacheDirectory.get().resolve("cds").resolve("worker-" + key(classPath) + ".jsa"), jarsOnly);
    }

    /** Map the archive if it exists; else make it, unless another worker is making it; nothing when turned off. */
    Use next() {
        if (!archivable || "false".equalsIgnoreCase(System.getProperty(PROPERTY, "true"))) {
            return NONE;
        }
        if (Files.isRegularFile(archive)) {
            return new Use(with("-XX:SharedArchiveFile=" + archive), () -> { });
        }
        Path lock = archive.resolveSibling(archive.getFileName() + ".lock");
        try {
            Files.createDirectories(archive.getParent());
            takeStale(lock);
            Files.createFile(lock);
        } catch (FileAlreadyExistsException e) {
            return NONE; // another worker is making it
        } catch (IOException | RuntimeException e) {
            return NONE; // a read-only cache: workers start without it
        }
        Path part = archive.resolveSibling(archive.getFileName() + ".part-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        return new Use(with("-XX:ArchiveClassesAtExit=" + part), () -> {
            try {
                if (Files.isRegularFile(part) && Files.size(part) > 0) {
                    Files.move(part, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException | RuntimeException e) {
                // no archive this time; a later worker tries again
            } finally {
                deleteQuietly(part);
                deleteQuietly(lock);
            }
        });
    }

    /** The quiet options and {@code option}. */
    private static List<String> with(String option) {
        List<String> options = new ArrayList<>(QUIET);
        options.add(option);
        return options;
    }

    private static void takeStale(Path lock) throws IOException {
        if (Files.isRegularFile(lock) && Files.getLastModifiedTime(lock).toInstant().isBefore(Instant.now().minus(STALE_LOCK))) {
            Files.deleteIfExists(lock);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // left for the next start
        }
    }

    /** The class path's entries with their sizes and times, and the JVM: an archive matches only these. */
    static String key(String classPath) {
        StringBuilder k = new StringBuilder(System.getProperty("java.home")).append('\n').append(System.getProperty("java.vm.version")).append('\n');
        for (String entry : classPath.split(File.pathSeparator)) {
            File f = new File(entry);
            k.append(f.getAbsolutePath()).append(' ').append(f.length()).append(' ').append(f.lastModified()).append('\n');
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(k.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
