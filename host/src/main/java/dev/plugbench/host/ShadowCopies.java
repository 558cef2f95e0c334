package dev.plugbench.host;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.ref.Cleaner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Private copies of plugin files, one folder per loaded generation. The host loads the copy, never
 * the user's file, so a plugin file can be replaced in place (even by {@code cp}) while its old
 * version is still running, and two generations of one plugin never share a folder. A
 * generation's folder is deleted once its class loader has been collected, or when the host closes.
 */
final class ShadowCopies implements AutoCloseable {
    private static final Cleaner CLEANER = Cleaner.create();
    private final Path root;
    private final boolean ownsRoot;
    private final AtomicLong counter = new AtomicLong();
    private final AtomicInteger live = new AtomicInteger();
    private final AtomicLong lastCollection = new AtomicLong(System.nanoTime());
    /** Copies in use past which a reload asks for a full collection. */
    static final int MAX_LIVE_COPIES = 16;

    private final long maxExpandedBytes;

    /** The file in a host's own work folder that names the process owning it. */
    static final String OWNER = "owner.pid";

    /**
     * A new work folder for a host in the system's temporary folder, marked with this process's pid;
     * first, the work folders of processes that are gone (killed before they could clean up) are removed.
     */
    static Path newWorkFolder() throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        removeOrphans(tmp);
        Path work = Files.createTempDirectory("plugbench-");
        Files.writeString(work.resolve(OWNER), Long.toString(ProcessHandle.current().pid()));
        return work;
    }

    /** Deletes {@code plugbench-*} folders under {@code tmp} whose owner process no longer runs; returns how many. */
    static int removeOrphans(Path tmp) {
        int removed = 0;
        try (Stream<Path> folders = Files.list(tmp)) {
            for (Path f : folders.filter(p -> p.getFileName().toString().startsWith("plugbench-") && Files.isDirectory(p)).toList()) {
                Path owner = f.resolve(OWNER);
                if (!Files.isRegularFile(owner)) {
                    continue; // not a host's work folder, or an older one without an owner: left alone
                }
                try {
                    long pid = Long.parseLong(Files.readString(owner).trim());
                    if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                        continue;
                    }
                } catch (IOException | NumberFormatException e) {
                    continue;
                }
                deleteTree(f);
                removed++;
            }
        } catch (IOException e) {
            // the temporary folder cannot be listed: nothing to clean
        }
        return removed;
    }

    ShadowCopies(Path root, boolean ownsRoot) {
        this(root, ownsRoot, DEFAULT_MAX_EXPANDED_BYTES);
    }

    ShadowCopies(Path root, boolean ownsRoot, long maxExpandedBytes) {
        this.root = root;
        this.ownsRoot = ownsRoot;
        this.maxExpandedBytes = maxExpandedBytes;
    }

    /**
     * A private copy of a plugin: a jar is copied, a zip expanded into a folder, a directory
     * (development mode) used in place.
     *
     * @throws IOException when the file cannot be read, or a zip is corrupt
     */
    Path copy(Path plugin) throws IOException {
        if (Files.isDirectory(plugin)) {
            return plugin;
        }
        String name = plugin.getFileName().toString();
        Path folder = Files.createDirectories(root.resolve(counter.incrementAndGet() + "-" + name.replaceAll("[^A-Za-z0-9._-]", "_")));
        // the file is copied once, then only the copy is read: its hash, and a zip's expansion, are of what loads
        Path target = folder.resolve(name);
        Files.copy(plugin, target, StandardCopyOption.REPLACE_EXISTING);
        if (name.toLowerCase().endsWith(".zip")) {
            Path expanded = folder.resolve("plugin");
            unzip(target, expanded);
            return expanded;
        }
        return target;
    }

    /** The copied archive behind a loadable copy: the jar itself, or the zip a {@code plugin/} folder was expanded from. */
    static Path archiveOf(Path copy, Path original) {
        return copy.getFileName().toString().equals("plugin") && original.getFileName().toString().toLowerCase().endsWith(".zip")
                ? copy.resolveSibling(original.getFileName().toString()) : copy;
    }

    /**
     * Deletes the copy's folder once {@code owner} (the generation's class loader) is collected.
     * Class loaders are only collected by full collections, which a quiet heap may not run for a
     * long time: past {@value #MAX_LIVE_COPIES} copies in use, a full collection is requested (at
     * most once a second), so repeated reloads keep a bounded number of copies on disk.
     */
    void deleteWhenCollected(Object owner, Path copy) {
        if (copy.startsWith(root)) {
            Path folder = root.resolve(root.relativize(copy).getName(0));
            live.incrementAndGet();
            CLEANER.register(owner, () -> {
                live.decrementAndGet();
                deleteTree(folder);
            });
            long now = System.nanoTime();
            long last = lastCollection.get();
            if (live.get() > MAX_LIVE_COPIES && now - last > 1_000_000_000L && lastCollection.compareAndSet(last, now)) {
                // off the reload's path: a full collection takes tens of milliseconds
                Thread collector = new Thread(Reachability::collectNow, "plugbench-copy-collector");
                collector.setDaemon(true);
                collector.start();
            }
        }
    }

    /** Copies whose class loader has not been collected yet. */
    int liveCopies() {
        return live.get();
    }

    /** The most a zip plugin may expand to: entries, and bytes in all (a zip bomb is refused, not expanded). */
    static final int MAX_ENTRIES = 20_000;
    static final long DEFAULT_MAX_EXPANDED_BYTES = 1L << 30;

    private void unzip(Path zip, Path into) throws IOException {
        Files.createDirectories(into);
        int entries = 0;
        long total = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
            for (ZipEntry e; (e = z.getNextEntry()) != null; entries++) {
                if (entries >= MAX_ENTRIES) {
                    throw new IOException("the zip has more than " + MAX_ENTRIES + " entries: refused (a plugin needs far fewer)");
                }
                Path target = into.resolve(e.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("zip entry '" + e.getName() + "' points outside the plugin folder");
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    try (java.io.OutputStream out = Files.newOutputStream(target)) {
                        for (int r; (r = z.read(buffer)) > 0; ) {
                            total += r;
                            if (total > maxExpandedBytes) {
                                throw new IOException("the zip expands to more than " + maxExpandedBytes / (1 << 20) + " MiB: refused as a"
                                        + " zip bomb (a plugin is a few MiB; Plugbench.builder().maxPluginBytes(...) for a real large one)");
                            }
                            out.write(buffer, 0, r);
                        }
                    }
                }
            }
        }
        if (entries == 0) {
            throw new IOException("not a zip archive (no entries could be read)");
        }
    }

    static void deleteTree(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // a folder that cannot be deleted now is left for the host's close or the OS's temp cleanup
        }
    }

    @Override
    public void close() {
        if (ownsRoot) {
            deleteTree(root);
        }
    }
}
