package dev.plugbench.harness;

import dev.plugbench.api.MetricSpec;
import dev.plugbench.api.bench.CellResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The results of one task, as written to {@code <out>/<task>/results.json}.
 *
 * @param family     family
 * @param task       task name
 * @param quick      whether the quick version ran
 * @param seeds      the seeds
 * @param provenance versions, plugins, dataset, parameters (see sdk-docs/results.md)
 * @param rows       one per cell
 * @param summary    per (method, params, setting)
 * @param directory  where the files are
 * @param methodMetrics the metrics each method declares itself ({@code MethodInfo.metrics()}), by method id:
 *                      tables show them as the method's columns
 * @param metrics    the task's metrics, with the direction that says what is best
 * @param description the task's description
 */
public record TaskResult(String family, String task, boolean quick, List<Long> seeds, Map<String, Object> provenance,
                         List<CellResult> rows, List<SummaryRow> summary, Path directory, Map<String, List<MetricSpec>> methodMetrics,
                         List<MetricSpec> metrics, String description) {
    public TaskResult {
        methodMetrics = Map.copyOf(methodMetrics);
        metrics = List.copyOf(metrics);
    }
}
