package dev.plugbench.cli;

import dev.plugbench.results.ResultsIndex;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user's benchmark history: when a bench, demo or merge ends, its folder is added to the user's
 * results index ({@link ResultsIndex#user()}), so {@code plugbench serve} with no flag shows every run
 * this user made. Failing to record never fails the run: it says so in one line and the run's
 * folder stays as it is ({@code plugbench index DIR} adds it later).
 */
final class RunHistory {
    private static final Logger LOG = LoggerFactory.getLogger(RunHistory.class);

    private RunHistory() {
    }

    static void record(Path out, PrintWriter err) {
        if (!Files.isDirectory(out)) {
            return;
        }
        try (ResultsIndex index = ResultsIndex.user()) {
            ResultsIndex.Refresh r = index.refresh(out);
            r.problems().forEach(p -> LOG.warn("not indexed: {}", p));
        } catch (RuntimeException | LinkageError e) { // LinkageError: a class path without plugbench-results' SQLite driver
            LOG.debug("recording {} in the results index failed", out, e);
            err.println("plugbench: the run was not added to the results index " + ResultsIndex.userFile() + " (" + e.getMessage()
                    + "); its folder is complete: 'plugbench index " + out + "' adds it");
        }
    }
}
