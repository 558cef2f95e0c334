package dev.plugbench.harness;

import dev.plugbench.api.bench.BenchTask;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The writer part of the harness: results.json (schema plugbench.results/2), results.csv,
 * report.md, report.html and the plots of a finished task, each written atomically. Plots read the rows only.
 */
final class ResultWriter {
    private ResultWriter() {
    }

    static void write(TaskResult r, BenchTask<?> task, StatisticsOptions options) throws IOException {
        Path dir = r.directory();
        List<Path> taskPlots = new ArrayList<>();
        for (Path p : task.plots(r.rows(), dev.plugbench.api.bench.Scale.of(r.quick()), dir)) {
            taskPlots.add(dir.relativize(dir.resolve(p)));
        }
        AtomicFiles.write(dir.resolve("results.json"), Json.bytes(Json.results(r, options)));
        writeReports(r, taskPlots, options);
    }

    /** Everything but results.json and the task's own plots: what {@code plugbench report} rebuilds from the stored results. */
    static void writeReports(TaskResult r, List<Path> taskPlots, StatisticsOptions options) throws IOException {
        Path dir = r.directory();
        List<String> plots = new ArrayList<>(Plots.metricBars(r, dir));
        taskPlots.forEach(p -> plots.add(p.toString()));
        List<Comparisons.MetricComparison> comparisons = Comparisons.of(r, r.metrics(), options);
        AtomicFiles.write(dir.resolve("results.csv"), Report.csv(r));
        AtomicFiles.write(dir.resolve("report.md"), Report.markdown(r, plots, comparisons, options));
        AtomicFiles.write(dir.resolve("report.html"), HtmlReport.task(r, comparisons, options, taskPlots));
    }
}
