package dev.plugbench.cli;

import dev.plugbench.api.bench.CellResult;
import dev.plugbench.harness.ProgressListener;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a run: a progress bar (cells done of the cells of the tasks started so far, ETA) on a
 * terminal, plain log lines otherwise. Tasks may overlap (their cells share the threads): counts are
 * kept per task.
 */
final class ConsoleProgress implements ProgressListener {
    private final PrintWriter err;
    private final boolean terminal;
    private ProgressBar bar;
    private final Map<String, AtomicInteger> done = new ConcurrentHashMap<>();
    private final Map<String, Integer> total = new ConcurrentHashMap<>();

    ConsoleProgress(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    static ConsoleProgress forStderr(PrintWriter err) {
        return new ConsoleProgress(err, System.console() != null && System.getenv("CI") == null);
    }

    @Override
    public synchronized void taskStarted(String task, int cells, int alreadyDone) {
        total.put(task, cells);
        done.put(task, new AtomicInteger(alreadyDone));
        if (terminal) {
            if (bar == null) {
                bar = new ProgressBarBuilder().setTaskName("cells").setInitialMax(0).setStyle(ProgressBarStyle.ASCII)
                        .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err)).build();
            }
            bar.maxHint(bar.getMax() + cells);
            bar.setExtraMessage(task);
            bar.stepBy(alreadyDone);
        } else {
            err.printf("[%s] %d cells%s%n", task, cells, alreadyDone > 0 ? " (" + alreadyDone + " resumed)" : "");
        }
    }

    @Override
    public void cellFinished(String task, CellResult cell) {
        int n = done.computeIfAbsent(task, k -> new AtomicInteger()).incrementAndGet();
        synchronized (this) {
            if (bar != null) {
                bar.step();
                return;
            }
        }
        err.printf(Locale.ROOT, "[%s] %d/%d %s seed %d %s: %s%n", task, n, total.getOrDefault(task, 0), cell.method(), cell.seed(), cell.setting(),
                cell.failed() ? "FAILED " + cell.error() : String.format(Locale.ROOT, "%.2f s", cell.seconds()));
    }

    @Override
    public void producerChanged(String task, String method, String change, int cells) {
        err.printf("[%s] %s: %s; recomputing its %d cell%s (the old ones stay in cells/, not in these results)%n", task, method, change,
                cells, cells == 1 ? "" : "s");
    }

    @Override
    public void cellRecomputed(String task, java.nio.file.Path file, String why) {
        err.printf("[%s] %s is not reused: %s; the cell runs again%n", task, file, why);
    }

    @Override
    public void taskSkipped(String task, String reason) {
        err.printf("[%s] skipped: %s%n", task, reason);
    }

    /** Closes the bar at the end of a run (the next run starts a new one). */
    synchronized void finish() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
