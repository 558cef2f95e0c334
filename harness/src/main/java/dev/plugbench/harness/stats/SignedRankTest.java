package dev.plugbench.harness.stats;

import java.util.Arrays;

/**
 * The exact two-sided Wilcoxon signed-rank test of paired differences. Zero differences are dropped
 * (Wilcoxon's convention, scipy's default); tied absolute differences get their mean rank, and the
 * p-value comes from the exact distribution of the positive rank sum over all 2^n sign flips of those
 * ranks (equal to scipy's exact p-value when there are no ties). Above {@value #EXACT_LIMIT} non-zero
 * differences the normal approximation with the tie correction is used instead.
 */
public final class SignedRankTest {
    /** Largest n for the exact distribution. */
    static final int EXACT_LIMIT = 50;

    private SignedRankTest() {
    }

    /**
     * The test of differences {@code d}.
     *
     * @return the statistic min(W+, W-) and the two-sided p-value (1 when every difference is zero)
     */
    public static Result test(double[] d) {
        double[] nonZero = Arrays.stream(d).filter(x -> x != 0).toArray();
        int n = nonZero.length;
        if (n == 0) {
            return new Result(0, 1, 0);
        }
        double[] ranks = Ranks.average(Arrays.stream(nonZero).map(Math::abs).toArray());
        double plus = 0;
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += ranks[i];
            if (nonZero[i] > 0) {
                plus += ranks[i];
            }
        }
        double statistic = Math.min(plus, total - plus);
        double p = n <= EXACT_LIMIT ? exact(ranks, statistic) : approximate(ranks, plus, n);
        return new Result(statistic, Math.min(1, p), n);
    }

    /** P(min(W+, W-) <= statistic) under the null, counting sign flips of the (doubled, integral) ranks. */
    private static double exact(double[] ranks, double statistic) {
        int[] doubled = Arrays.stream(ranks).mapToInt(r -> (int) Math.round(2 * r)).toArray();
        int total = Arrays.stream(doubled).sum();
        double[] ways = new double[total + 1];
        ways[0] = 1;
        int reach = 0;
        for (int r : doubled) {
            reach += r;
            for (int s = reach; s >= r; s--) {
                ways[s] += ways[s - r];
            }
        }
        int t = (int) Math.round(2 * statistic);
        double low = 0;
        for (int s = 0; s <= t; s++) {
            low += ways[s];
        }
        double all = Math.pow(2, ranks.length);
        // the distribution is symmetric: P(W+ <= t) = P(W+ >= total - t); the two tails overlap only at the centre
        return 2 * t >= total ? 1 : 2 * low / all;
    }

    private static double approximate(double[] ranks, double plus, int n) {
        double mean = n * (n + 1) / 4.0;
        double variance = n * (n + 1) * (2.0 * n + 1) / 24.0;
        double[] sorted = ranks.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < n; ) {
            int j = i;
            while (j < n && sorted[j] == sorted[i]) {
                j++;
            }
            double t = j - i;
            variance -= (t * t * t - t) / 48.0;
            i = j;
        }
        double z = (plus - mean) / Math.sqrt(variance);
        return 2 * new org.hipparchus.distribution.continuous.NormalDistribution().cumulativeProbability(-Math.abs(z));
    }

    /**
     * @param statistic min(W+, W-)
     * @param pValue    two-sided
     * @param n         the non-zero differences it used
     */
    public record Result(double statistic, double pValue, int n) {
    }
}
