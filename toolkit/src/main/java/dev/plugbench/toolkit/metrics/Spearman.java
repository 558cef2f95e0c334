package dev.plugbench.toolkit.metrics;

import java.util.Arrays;
import java.util.Comparator;

/** Spearman's rank correlation: the Pearson correlation of the ranks, tied values sharing their average rank (as scipy's spearmanr). */
public final class Spearman {
    private Spearman() {
    }

    /**
     * Spearman's rho of x and y.
     *
     * @return rho in [-1, 1], or NaN when either variable is constant (no ranking to correlate)
     */
    public static double rho(double[] x, double[] y) {
        Checks.sameLength(x, y, "Spearman's rho");
        Checks.finite(x, "Spearman's rho (x)");
        Checks.finite(y, "Spearman's rho (y)");
        Checks.atLeast(x.length, 2, "Spearman's rho");
        double[] rx = ranks(x);
        double[] ry = ranks(y);
        double mean = (x.length + 1) / 2.0;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (rx[i] - mean) * (ry[i] - mean);
            sxx += (rx[i] - mean) * (rx[i] - mean);
            syy += (ry[i] - mean) * (ry[i] - mean);
        }
        return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
    }

    /** Ranks 1..n, ties averaged. */
    static double[] ranks(double[] v) {
        Integer[] order = new Integer[v.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble(i -> v[i]));
        double[] r = new double[v.length];
        for (int start = 0; start < v.length; ) {
            int end = start;
            while (end + 1 < v.length && v[order[end + 1]] == v[order[start]]) {
                end++;
            }
            double average = (start + end) / 2.0 + 1;
            for (int k = start; k <= end; k++) {
                r[order[k]] = average;
            }
            start = end + 1;
        }
        return r;
    }
}
