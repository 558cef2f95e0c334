package dev.plugbench.harness;

/**
 * A metric over the seeds of one (method, params, setting).
 *
 * @param mean   the mean
 * @param stderr the standard error of the mean (sample standard deviation / sqrt(n); 0 when n = 1)
 * @param n      the number of successful cells
 */
public record MetricSummary(double mean, double stderr, int n) {
    /** The summary of these values (at least one), as results.json's summary has it. */
    public static MetricSummary of(double[] v) {
        if (v.length == 0) {
            throw new IllegalArgumentException("no values to summarize");
        }
        double mean = 0;
        for (double x : v) {
            mean += x;
        }
        mean /= v.length;
        if (v.length == 1) {
            return new MetricSummary(mean, 0, 1);
        }
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        return new MetricSummary(mean, Math.sqrt(ss / (v.length - 1)) / Math.sqrt(v.length), v.length);
    }
}
