package dev.plugbench.harness.stats;

import org.hipparchus.distribution.continuous.ChiSquaredDistribution;

/**
 * The Friedman test of k methods over N blocks (Demšar 2006: the blocks are data sets; here a
 * family's task x setting pairs), with scipy's tie correction, and the methods' average ranks.
 */
public final class Friedman {
    private Friedman() {
    }

    /**
     * @param losses losses[block][method], smaller is better (rank 1 is the best in each block)
     */
    public static Result test(double[][] losses) {
        int n = losses.length;
        if (n < 2) {
            throw new IllegalArgumentException("the Friedman test needs at least 2 blocks, got " + n);
        }
        int k = losses[0].length;
        if (k < 3) {
            throw new IllegalArgumentException("the Friedman test needs at least 3 methods, got " + k
                    + " (compare two methods with the paired tests instead)");
        }
        double[] sums = new double[k];
        double ties = 0;
        for (double[] block : losses) {
            if (block.length != k) {
                throw new IllegalArgumentException("every block needs " + k + " values, one got " + block.length);
            }
            double[] r = Ranks.average(block);
            for (int j = 0; j < k; j++) {
                sums[j] += r[j];
            }
            ties += tieTerm(block);
        }
        double ss = 0;
        double[] mean = new double[k];
        for (int j = 0; j < k; j++) {
            ss += sums[j] * sums[j];
            mean[j] = sums[j] / n;
        }
        double chi2 = 12.0 / (n * k * (k + 1.0)) * ss - 3.0 * n * (k + 1);
        double correction = 1 - ties / (n * (k * (double) k * k - k));
        double statistic = correction > 0 ? chi2 / correction : 0;
        double p = 1 - new ChiSquaredDistribution(k - 1).cumulativeProbability(statistic);
        return new Result(statistic, p, mean, n);
    }

    private static double tieTerm(double[] block) {
        double[] sorted = block.clone();
        java.util.Arrays.sort(sorted);
        double sum = 0;
        for (int i = 0; i < sorted.length; ) {
            int j = i;
            while (j < sorted.length && sorted[j] == sorted[i]) {
                j++;
            }
            double t = j - i;
            sum += t * t * t - t;
            i = j;
        }
        return sum;
    }

    /**
     * @param statistic    the tie-corrected chi-square statistic
     * @param pValue       from the chi-square distribution with k - 1 degrees of freedom
     * @param averageRanks per method, 1 = best
     * @param blocks       N
     */
    public record Result(double statistic, double pValue, double[] averageRanks, int blocks) {
    }
}
