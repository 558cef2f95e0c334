package dev.plugbench.spark;

import dev.plugbench.harness.RunSpec;
import dev.plugbench.harness.WorkerSetup;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.spark.SparkFiles;

/**
 * The part of a {@link WorkerSetup} that travels with each Spark task: plugin files by the name they
 * were shipped under ({@code SHA256PREFIX-FILENAME}) with their full hashes, and the worker's limits
 * and pinned thread count. On an executor, {@link #onThisNode()} finds the shipped copies.
 */
record ShippedSetup(List<String> names, List<String> sha256s, boolean classpathMethods, long cellTimeoutSeconds, int heapMb,
                    int offHeapMb, int numericThreads) implements Serializable {
    static ShippedSetup of(WorkerSetup setup, List<String> names) {
        return new ShippedSetup(List.copyOf(names), setup.plugins().stream().map(WorkerSetup.PluginFile::sha256).toList(),
                setup.classpathMethods(), setup.cellTimeout().toSeconds(), setup.memory().heapMb(), setup.memory().offHeapMb(),
                setup.numericThreads());
    }

    /** The setup with the plugin files where Spark put this node's copies. */
    WorkerSetup onThisNode() {
        List<WorkerSetup.PluginFile> files = new java.util.ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            files.add(new WorkerSetup.PluginFile(Path.of(SparkFiles.get(names.get(i))), sha256s.get(i)));
        }
        return new WorkerSetup(files, classpathMethods, Duration.ofSeconds(cellTimeoutSeconds), new RunSpec.WorkerMemory(heapMb, offHeapMb),
                numericThreads);
    }
}
