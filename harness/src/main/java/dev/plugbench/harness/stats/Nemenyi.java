package dev.plugbench.harness.stats;

import org.hipparchus.analysis.solvers.BrentSolver;
import org.hipparchus.distribution.continuous.NormalDistribution;

/**
 * Nemenyi's post-hoc test after Friedman (Demšar 2006): two methods differ when their average ranks
 * differ by at least the critical difference CD = q_alpha sqrt(k (k + 1) / (6 N)), where q_alpha is
 * the studentized range quantile for k means at infinite degrees of freedom, divided by sqrt 2.
 */
public final class Nemenyi {
    private static final NormalDistribution NORMAL = new NormalDistribution(0, 1);

    private Nemenyi() {
    }

    /** The critical difference for k methods over n blocks at level alpha. */
    public static double criticalDifference(int k, int n, double alpha) {
        return q(k, alpha) * Math.sqrt(k * (k + 1.0) / (6.0 * n));
    }

    /** q_alpha of Demšar's table 5: the (1 - alpha) quantile of the range of k standard normals, over sqrt 2. */
    public static double q(int k, double alpha) {
        if (k < 2 || alpha <= 0 || alpha >= 1) {
            throw new IllegalArgumentException("q needs k >= 2 and 0 < alpha < 1, got k = " + k + ", alpha = " + alpha);
        }
        double range = new BrentSolver(1e-12).solve(200, x -> rangeCdf(k, x) - (1 - alpha), 1e-6, 20);
        return range / Math.sqrt(2);
    }

    /** P(max - min of k standard normals <= w) = k * integral of phi(z) (Phi(z) - Phi(z - w))^(k-1) dz (Simpson's rule). */
    static double rangeCdf(int k, double w) {
        int steps = 4000;
        double a = -9;
        double b = 9 + w;
        double h = (b - a) / steps;
        double sum = 0;
        for (int i = 0; i <= steps; i++) {
            double z = a + i * h;
            double f = NORMAL.density(z) * Math.pow(NORMAL.cumulativeProbability(z) - NORMAL.cumulativeProbability(z - w), k - 1);
            sum += f * (i == 0 || i == steps ? 1 : i % 2 == 1 ? 4 : 2);
        }
        return k * sum * h / 3;
    }
}
