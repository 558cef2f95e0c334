package dev.plugbench.host;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the plugins directory: a new plugin file is loaded, a changed one reloaded, a deleted one
 * unloaded. Changes are acted on once a file has been quiet for {@link #QUIET_MS}, so a file still
 * being copied is not read half-written. Runs on one daemon thread until closed.
 */
final class PluginDirectoryWatcher implements AutoCloseable {
    static final long QUIET_MS = 300;
    private static final Logger LOG = LoggerFactory.getLogger(PluginDirectoryWatcher.class);

    private final Path dir;
    private final PluginRuntime runtime;
    private final Problems problems;
    private final WatchService watcher;
    private final Thread thread;
    private final Consumer<String> onChange;

    PluginDirectoryWatcher(Path dir, PluginRuntime runtime, Problems problems, Consumer<String> onChange) throws IOException {
        this.dir = dir;
        this.runtime = runtime;
        this.problems = problems;
        this.onChange = onChange;
        this.watcher = FileSystems.getDefault().newWatchService();
        dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
        this.thread = new Thread(this::run, "plugbench-plugin-watcher");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    static boolean isPluginFile(Path p) {
        String n = p.getFileName().toString().toLowerCase();
        return n.endsWith(".jar") || n.endsWith(".zip");
    }

    private void run() {
        Map<Path, Long> pending = new HashMap<>();
        try {
            while (!Thread.currentThread().isInterrupted()) {
                WatchKey key = watcher.poll(100, TimeUnit.MILLISECONDS);
                long now = System.nanoTime();
                if (key != null) {
                    for (WatchEvent<?> event : key.pollEvents()) {
                        if (event.context() instanceof Path name && isPluginFile(name)) {
                            pending.put(dir.resolve(name), now);
                        }
                    }
                    key.reset();
                }
                pending.entrySet().removeIf(e -> {
                    if (TimeUnit.NANOSECONDS.toMillis(now - e.getValue()) < QUIET_MS) {
                        return false;
                    }
                    apply(e.getKey());
                    return true;
                });
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void apply(Path file) {
        try {
            var id = runtime.idOfFile(file);
            if (!Files.exists(file)) {
                runtime.settleContest(file).ifPresent(p -> {
                    LOG.info("loaded plugin '{}' {} from {}: the other file of that id and version was removed", p.id(), p.version(), p.file());
                    onChange.accept(p.id());
                });
                if (id.isPresent()) {
                    runtime.unload(id.get());
                    LOG.info("unloaded plugin '{}': {} was deleted", id.get(), file);
                    replacement(id.get()).ifPresent(next -> LOG.info("plugin '{}' now comes from {}", id.get(), next));
                    onChange.accept(id.get());
                }
                return;
            }
            PluginRuntime.Outcome outcome = id.isPresent() ? runtime.reload(id.get(), file) : runtime.load(file);
            if (outcome.plugin() != null) {
                LOG.info("{} plugin '{}' {} from {}", id.isPresent() ? "reloaded" : "loaded", outcome.plugin().id(), outcome.plugin().version(),
                        file);
                onChange.accept(outcome.plugin().id());
            }
        } catch (RuntimeException e) {
            problems.add(new Problem(file.toString(), Problem.Kind.DIRECTORY, "watching the plugins directory: " + e.getMessage(),
                    "check the file; the host keeps running", Instant.now()));
        }
    }

    /**
     * After the file of plugin {@code id} was deleted: another file in the folder with the same id (a
     * new version copied next to the old one, refused while the old one was loaded) is loaded now.
     */
    private Optional<Path> replacement(String id) {
        List<Path> candidates;
        try (Stream<Path> files = Files.list(dir)) {
            candidates = files.filter(PluginDirectoryWatcher::isPluginFile).sorted().toList();
        } catch (IOException e) {
            return Optional.empty();
        }
        Optional<Path> loaded = Optional.empty();
        for (Path p : candidates) {
            if (runtime.idOfFile(p).isEmpty() && runtime.idInFile(p).filter(id::equals).isPresent()
                    && runtime.load(p).plugin() != null) {
                loaded = Optional.of(p);
            }
        }
        return loaded;
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            watcher.close();
            thread.join(2000);
        } catch (IOException e) {
            LOG.debug("closing the watch service", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
