package dev.plugbench.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * An exclusive lock on an output folder for the length of a run, so that two runs never write the
 * same cells and results: an operating-system file lock on {@code <out>/.plugbench.lock}, released
 * when the run ends or its process dies (no stale lock after kill -9). The file names the holder
 * (pid and start time) for the refusal message.
 */
final class RunLock implements AutoCloseable {
    static final String FILE = ".plugbench.lock";
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of {@code out}, creating the folder.
     *
     * @throws IllegalStateException naming the run that holds it
     */
    static RunLock acquire(Path out) {
        Path file = out.resolve(FILE);
        if (Files.exists(out) && !Files.isDirectory(out)) {
            String why = "--out " + out + " is a file, not a folder: give a folder for the results";
            throw new UncheckedIOException(why, new java.io.IOException(why));
        }
        try {
            Files.createDirectories(out);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                String holder = Files.readString(file, StandardCharsets.UTF_8).trim();
                channel.close();
                throw new IllegalStateException(out + " is in use by another run (" + (holder.isEmpty() ? "unknown" : holder)
                        + "): wait for it to finish, or give another --out");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + ", started " + Instant.ofEpochMilli(
                    ManagementFactory.getRuntimeMXBean().getStartTime()) + ", locked " + Instant.now()).getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
            return new RunLock(channel, lock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create or lock the output folder " + out + ": " + e.getClass().getSimpleName() + ": " + e.getMessage()
                    + " (check that it and its parents are writable folders, or give another --out)", e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
