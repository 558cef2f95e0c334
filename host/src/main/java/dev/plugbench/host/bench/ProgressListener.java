package dev.plugbench.host.bench;

/** Progress of a run, for progress bars and logs. Called from worker threads. */
public interface ProgressListener {
    /** A task starts with {@code total} cells, {@code alreadyDone} of them resumed. */
    default void taskStarted(String task, int total, int alreadyDone) {
    }

    /** A cell finished (or failed). */
    default void cellFinished(String task, CellResult cell) {
    }

    /** A task was skipped, with the reason. */
    default void taskSkipped(String task, String reason) {
    }

    /** No progress reporting. */
    ProgressListener NONE = new ProgressListener() {
    };
}
