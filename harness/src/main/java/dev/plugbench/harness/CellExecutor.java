package dev.plugbench.harness;

import dev.plugbench.api.bench.CellResult;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Runs cell descriptions and answers each with a result row: the harness's executor part. This JVM's
 * thread pool, worker JVMs speaking the worker protocol ({@code --workers}), and whatever a
 * {@link RunnerProvider} opens ({@code --runner}, for example Spark) are the executors.
 *
 * <p>An executor runs every cell it is given, in the given order as far as it can (the harness puts
 * the longest known cells first), and must give each the same row the thread pool would: the rows
 * are compared cell by cell in the tests. The harness writes each row as it arrives, so a run
 * interrupted anywhere resumes with {@code --resume}.
 */
public interface CellExecutor extends AutoCloseable {
    /**
     * Runs {@code cells}, calling {@code onResult} with each cell's index and row as it finishes (from
     * any thread, one call at a time is not guaranteed); returns when every cell has an answer. A cell
     * that fails has a row with its error. An exception thrown by {@code onResult} ends the run: the
     * executor stops handing out cells and throws it. The harness may call it from several threads at
     * once (a cluster runner's tasks overlap, each task a job).
     *
     * @return what the task's provenance records under {@code run} about where these cells ran: at
     *         least {@code executor} (a short description); a cluster runner adds its master, executor
     *         count and each cell's executor
     */
    Map<String, Object> execute(List<CellDescription> cells, BiConsumer<Integer, CellResult> onResult) throws InterruptedException;

    /** Releases what the executor holds (a cluster context, worker processes). The default holds nothing. */
    @Override
    default void close() {
    }
}
