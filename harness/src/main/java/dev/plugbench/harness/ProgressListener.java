package dev.plugbench.harness;

import dev.plugbench.api.bench.CellResult;

/** Progress of a run, for progress bars and logs. Called from worker threads. */
public interface ProgressListener {
    /** A task starts with {@code total} cells, {@code alreadyDone} of them resumed. */
    default void taskStarted(String task, int total, int alreadyDone) {
    }

    /** A cell finished (or failed). */
    default void cellFinished(String task, CellResult cell) {
    }

    /**
     * On a resume, {@code cells} cells of {@code method} are recomputed because what produced the
     * stored ones changed ({@code change}: another plugin version or file, task code, dataset); the
     * old cells stay on disk and are not mixed into this run's results.
     */
    default void producerChanged(String task, String method, String change, int cells) {
    }

    /** On a resume, a stored cell is not reused but run again: {@code why} (a damaged or edited file, a failed cell). */
    default void cellRecomputed(String task, java.nio.file.Path file, String why) {
    }

    /** A task was skipped, with the reason. */
    default void taskSkipped(String task, String reason) {
    }

    /** No progress reporting. */
    ProgressListener NONE = new ProgressListener() {
    };
}
