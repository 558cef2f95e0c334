package dev.plugbench.toolkit.metrics;

import java.util.Arrays;

/** The two-sample Kolmogorov-Smirnov distance sup_x |F_a(x) - F_b(x)| (scipy's {@code ks_2samp} statistic). */
public final class KolmogorovSmirnov {
    private KolmogorovSmirnov() {
    }

    public static double distance(double[] a, double[] b) {
        Checks.atLeast(a.length, 1, "KS distance (first sample)");
        Checks.atLeast(b.length, 1, "KS distance (second sample)");
        Checks.finite(a, "KS distance (first sample)");
        Checks.finite(b, "KS distance (second sample)");
        double[] x = a.clone();
        double[] y = b.clone();
        Arrays.sort(x);
        Arrays.sort(y);
        int i = 0;
        int j = 0;
        double d = 0;
        while (i < x.length && j < y.length) {
            double v = Math.min(x[i], y[j]);
            while (i < x.length && x[i] == v) {
                i++;
            }
            while (j < y.length && y[j] == v) {
                j++;
            }
            d = Math.max(d, Math.abs((double) i / x.length - (double) j / y.length));
        }
        return d;
    }
}
