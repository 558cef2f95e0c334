package dev.plugbench.toolkit.metrics;

/**
 * The Marchenko-Pastur law: the limiting eigenvalue distribution of X^T X / n for an n x p matrix X
 * of i.i.d. entries with variance sigma^2, as n, p grow with p / n -> ratio. Bulk edges
 * lambda_pm = sigma^2 (1 +- sqrt(ratio))^2; for ratio > 1 a mass 1 - 1/ratio sits at zero.
 *
 * @param ratio    p / n (columns over rows)
 * @param variance sigma^2 of the entries
 */
public record MarchenkoPastur(double ratio, double variance) {
    public MarchenkoPastur {
        if (!(ratio > 0) || Double.isInfinite(ratio)) {
            throw new IllegalArgumentException("Marchenko-Pastur ratio = " + ratio + "; it must be a finite positive number");
        }
        if (!(variance > 0) || Double.isInfinite(variance)) {
            throw new IllegalArgumentException("Marchenko-Pastur variance = " + variance + "; it must be a finite positive number");
        }
    }

    /** The lower bulk edge. */
    public double lowerEdge() {
        return variance * Math.pow(1 - Math.sqrt(ratio), 2);
    }

    /** The upper bulk edge. */
    public double upperEdge() {
        return variance * Math.pow(1 + Math.sqrt(ratio), 2);
    }

    /** The density of the continuous part at lambda (it integrates to min(1, 1/ratio)). */
    public double density(double lambda) {
        double lo = lowerEdge();
        double hi = upperEdge();
        if (lambda <= lo || lambda >= hi || lambda <= 0) {
            return 0;
        }
        return Math.sqrt((hi - lambda) * (lambda - lo)) / (2 * Math.PI * variance * ratio * lambda);
    }

    /** The cumulative distribution function, including the atom at zero when ratio > 1 (numerical, 2000-point Simpson rule). */
    public double cdf(double lambda) {
        double atom = ratio > 1 ? 1 - 1 / ratio : 0;
        if (lambda < 0) {
            return 0;
        }
        double lo = lowerEdge();
        double hi = Math.min(lambda, upperEdge());
        if (hi <= lo) {
            return atom;
        }
        // substitute lambda = lo + (hi_edge - lo) (1 - cos t) / 2 to remove the square-root endpoints
        double a = lo;
        double b = upperEdge();
        double tMax = Math.acos(1 - 2 * (hi - a) / (b - a));
        int steps = 2000;
        double h = tMax / steps;
        double sum = 0;
        for (int k = 0; k <= steps; k++) {
            double t = k * h;
            double l = a + (b - a) * (1 - Math.cos(t)) / 2;
            double jac = (b - a) * Math.sin(t) / 2;
            double f = density(l) * jac;
            sum += (k == 0 || k == steps ? 1 : (k % 2 == 1 ? 4 : 2)) * f;
        }
        return atom + sum * h / 3;
    }

    /** The number of values above the upper edge times (1 + tolerance). */
    public int outliersAbove(double[] eigenvalues, double tolerance) {
        double edge = upperEdge() * (1 + tolerance);
        int count = 0;
        for (double v : eigenvalues) {
            if (v > edge) {
                count++;
            }
        }
        return count;
    }

    /** KS distance between an empirical spectrum and this law. */
    public double ksDistance(double[] eigenvalues) {
        Checks.finite(eigenvalues, "Marchenko-Pastur KS distance");
        double[] x = eigenvalues.clone();
        java.util.Arrays.sort(x);
        double d = 0;
        for (int i = 0; i < x.length; i++) {
            double f = cdf(x[i]);
            d = Math.max(d, Math.max(Math.abs((i + 1.0) / x.length - f), Math.abs((double) i / x.length - f)));
        }
        return d;
    }
}
