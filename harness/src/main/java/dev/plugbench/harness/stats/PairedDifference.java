package dev.plugbench.harness.stats;

/**
 * A paired comparison of two methods over the seeds both completed: the mean difference, its 95% t
 * interval, and a p-value from the chosen {@link PairedTest} (before any multiple-testing correction).
 *
 * @param n      pairs
 * @param mean   mean of the differences
 * @param low    the interval's lower end (NaN with fewer than 2 pairs)
 * @param high   the interval's upper end
 * @param pValue two-sided, uncorrected
 */
public record PairedDifference(int n, double mean, double low, double high, double pValue) {
    /** The comparison of differences {@code d} (b - a, seed by seed). */
    public static PairedDifference of(double[] d, PairedTest test) {
        if (d.length == 0) {
            return new PairedDifference(0, Double.NaN, Double.NaN, Double.NaN, 1);
        }
        if (d.length == 1) {
            return new PairedDifference(1, d[0], Double.NaN, Double.NaN, 1);
        }
        PairedTTest.Result t = PairedTTest.test(d, 0.95);
        return new PairedDifference(d.length, t.mean(), t.low(), t.high(), test.pValue(d));
    }

    /** Whether every difference was exactly zero (the same numbers on both sides). */
    public boolean identical() {
        return n > 0 && mean == 0 && low == high;
    }
}
