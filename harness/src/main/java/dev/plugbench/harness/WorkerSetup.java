package dev.plugbench.harness;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a worker JVM needs to rebuild the planning host: the plugin files with the SHA-256 each must
 * have, whether the class path's methods take part, the per-cell time limit, the memory caps and
 * the numeric thread count every worker is pinned to (the planning host's, so that a worker's
 * numbers equal it bit for bit whatever the node's environment says).
 *
 * @param plugins          the plugin files, each checked against its hash before anything runs
 * @param classpathMethods the methods on the worker's class path take part too
 * @param cellTimeout      a cell running longer fails with a timeout
 * @param memory           the worker JVM's heap and off-heap caps
 * @param numericThreads   ND4J's and OpenBLAS's threads in the worker ({@code -Dplugbench.numericThreads}, {@code OMP_NUM_THREADS})
 */
public record WorkerSetup(List<PluginFile> plugins, boolean classpathMethods, Duration cellTimeout, RunSpec.WorkerMemory memory,
                          int numericThreads) {
    /** A plugin file and the SHA-256 ({@link dev.plugbench.host.ContentHash#ofPlugin}) the run was planned with. */
    public record PluginFile(Path path, String sha256) {
        public PluginFile {
            Objects.requireNonNull(path, "path is null");
            Objects.requireNonNull(sha256, "sha256 is null");
        }
    }

    public WorkerSetup {
        plugins = List.copyOf(plugins);
        Objects.requireNonNull(cellTimeout, "cellTimeout is null");
        Objects.requireNonNull(memory, "memory is null");
        if (numericThreads < 1) {
            throw new IllegalArgumentException("numericThreads = " + numericThreads + ": give at least 1");
        }
    }

    /** The protocol's host message ({@link Worker}). */
    Map<String, Object> hostMessage() {
        Map<String, Object> hello = new LinkedHashMap<>();
        hello.put("type", "host");
        List<Map<String, Object>> files = new ArrayList<>();
        for (PluginFile p : plugins) {
            files.add(Map.of("path", p.path().toAbsolutePath().toString(), "sha256", p.sha256()));
        }
        hello.put("plugins", files);
        hello.put("classpath_methods", classpathMethods);
        hello.put("cell_timeout_seconds", cellTimeout.toSeconds());
        return hello;
    }
}
