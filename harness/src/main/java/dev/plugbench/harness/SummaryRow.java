package dev.plugbench.harness;

import java.util.Map;

/**
 * The summary of one (method, params, setting) over seeds.
 *
 * @param method  method id
 * @param params  its parameters
 * @param setting the task setting
 * @param metrics metric name to its summary
 * @param failed  cells of this group that failed
 */
public record SummaryRow(String method, Map<String, Object> params, String setting, Map<String, MetricSummary> metrics, int failed) {
}
