package dev.plugbench.toolkit.metrics;

import java.util.Arrays;

/**
 * Power-law tail exponents of a spectrum, for p(x) proportional to x^(-alpha) above x_min.
 * {@link #hill} is the estimator of the single-index-ht code (x_min at the median eigenvalue);
 * {@link #mle} is the Clauset-Shalizi-Newman fit, which picks the x_min minimising the
 * Kolmogorov-Smirnov distance between the tail and the fitted law.
 *
 * @param alpha     the fitted exponent
 * @param xMin      the lower end of the tail used
 * @param tailSize  the number of values in the tail
 * @param ksDistance the KS distance between the tail and the fitted law
 */
public record TailExponent(double alpha, double xMin, int tailSize, double ksDistance) {
    /** Smallest tail the estimators accept. */
    public static final int MIN_TAIL = 10;

    /**
     * The Hill estimator with x_min = the value at index N/2 of the ascending sort:
     * alpha = 1 + n_t / sum_{i >= N/2} ln(x_i / x_min).
     */
    public static TailExponent hill(double[] values) {
        double[] x = positiveSorted(values, "Hill estimator");
        int i0 = x.length / 2;
        return fitAbove(x, i0);
    }

    /** Maximum likelihood with the x_min (among the values, keeping at least {@link #MIN_TAIL} in the tail) that minimises the KS distance. */
    public static TailExponent mle(double[] values) {
        double[] x = positiveSorted(values, "power-law MLE");
        TailExponent best = null;
        for (int i0 = 0; i0 <= x.length - MIN_TAIL; i0++) {
            if (i0 > 0 && x[i0] == x[i0 - 1]) {
                continue;
            }
            TailExponent fit = fitAbove(x, i0);
            if (Double.isFinite(fit.alpha) && (best == null || fit.ksDistance < best.ksDistance)) {
                best = fit;
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("power-law MLE: no tail of at least " + MIN_TAIL + " distinct values above its minimum");
        }
        return best;
    }

    /** The fit with x_min = x[i0] of an ascending positive array. */
    static TailExponent fitAbove(double[] x, int i0) {
        double xMin = x[i0];
        int n = x.length - i0;
        double logSum = 0;
        for (int i = i0; i < x.length; i++) {
            logSum += Math.log(x[i] / xMin);
        }
        if (logSum == 0) {
            return new TailExponent(Double.NaN, xMin, n, Double.POSITIVE_INFINITY);
        }
        double alpha = 1 + n / logSum;
        double ks = 0;
        for (int k = 0; k < n; k++) {
            double fitted = 1 - Math.pow(x[i0 + k] / xMin, 1 - alpha);
            ks = Math.max(ks, Math.max(Math.abs((k + 1.0) / n - fitted), Math.abs((double) k / n - fitted)));
        }
        return new TailExponent(alpha, xMin, n, ks);
    }

    private static double[] positiveSorted(double[] values, String what) {
        Checks.finite(values, what);
        double[] x = Arrays.stream(values).filter(v -> v > 0).sorted().toArray();
        if (x.length < 2 * MIN_TAIL) {
            throw new IllegalArgumentException(what + " needs at least " + (2 * MIN_TAIL) + " positive values; got " + x.length
                    + " (of " + values.length + "): use a larger matrix or report no tail exponent");
        }
        return x;
    }
}
