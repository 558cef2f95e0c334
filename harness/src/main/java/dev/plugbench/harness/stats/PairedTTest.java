package dev.plugbench.harness.stats;

import org.hipparchus.distribution.continuous.TDistribution;

/**
 * The paired t-test and the t confidence interval of a mean paired difference (n - 1 degrees of
 * freedom). Differences that are all equal have no spread: the interval is that value, and the
 * p-value is 1 when it is zero and 0 otherwise.
 */
public final class PairedTTest {
    private PairedTTest() {
    }

    /** The test and the two-sided interval at {@code level} (0.95) of the mean of {@code d}; needs n >= 2. */
    public static Result test(double[] d, double level) {
        int n = d.length;
        if (n < 2) {
            throw new IllegalArgumentException("a paired t-test needs at least 2 pairs, got " + n);
        }
        double mean = 0;
        for (double x : d) {
            mean += x;
        }
        mean /= n;
        double ss = 0;
        for (double x : d) {
            ss += (x - mean) * (x - mean);
        }
        double se = Math.sqrt(ss / (n - 1)) / Math.sqrt(n);
        if (se == 0 || se <= Math.ulp(Math.abs(mean)) * n) {
            return new Result(mean, mean, mean, mean == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, mean), mean == 0 ? 1 : 0);
        }
        TDistribution t = new TDistribution(n - 1);
        double half = t.inverseCumulativeProbability(0.5 + level / 2) * se;
        double statistic = mean / se;
        return new Result(mean, mean - half, mean + half, statistic, 2 * t.cumulativeProbability(-Math.abs(statistic)));
    }

    /**
     * @param mean      mean difference
     * @param low       interval's lower end
     * @param high      interval's upper end
     * @param statistic t
     * @param pValue    two-sided
     */
    public record Result(double mean, double low, double high, double statistic, double pValue) {
    }
}
