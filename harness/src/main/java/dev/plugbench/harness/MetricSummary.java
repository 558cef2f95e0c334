package dev.plugbench.harness;

/**
 * A metric over the seeds of one (method, params, setting).
 *
 * @param mean   the mean
 * @param stderr the standard error of the mean (sample standard deviation / sqrt(n); 0 when n = 1)
 * @param n      the number of successful cells
 */
public record MetricSummary(double mean, double stderr, int n) {
}
