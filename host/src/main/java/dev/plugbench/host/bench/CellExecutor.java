package dev.plugbench.host.bench;

import dev.plugbench.api.bench.CellResult;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Runs cell descriptions and answers each with a result row: the harness's executor part. This JVM's
 * thread pool ({@link InProcessExecutor}) and worker JVMs speaking the worker protocol
 * ({@link WorkerProcessExecutor}) are the two today; a cluster runner would be a third.
 */
interface CellExecutor {
    /**
     * Runs {@code cells}, calling {@code onResult} with each cell's index and row as it finishes (from
     * any thread); returns when every cell has an answer. A cell that fails has a row with its error.
     */
    void execute(List<CellDescription> cells, BiConsumer<Integer, CellResult> onResult) throws InterruptedException;
}
