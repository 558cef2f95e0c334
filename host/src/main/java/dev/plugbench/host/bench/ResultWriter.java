package dev.plugbench.host.bench;

import dev.plugbench.api.bench.BenchTask;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The writer part of the harness: results.json (schema plugbench.results/1), results.csv,
 * report.md and the plots of a finished task, each written atomically. Plots read the rows only.
 */
final class ResultWriter {
    private ResultWriter() {
    }

    static void write(TaskResult r, BenchTask<?> task) throws IOException {
        Path dir = r.directory();
        List<String> plots = new ArrayList<>(Plots.metricBars(r, task.metrics(), dir));
        for (Path p : task.plots(r.rows(), dev.plugbench.api.bench.Scale.of(r.quick()), dir)) {
            plots.add(dir.relativize(dir.resolve(p)).toString());
        }
        AtomicFiles.write(dir.resolve("results.json"), Json.bytes(Json.results(r)));
        AtomicFiles.write(dir.resolve("results.csv"), Report.csv(r, task.metrics()));
        AtomicFiles.write(dir.resolve("report.md"), Report.markdown(r, task, plots));
    }
}
