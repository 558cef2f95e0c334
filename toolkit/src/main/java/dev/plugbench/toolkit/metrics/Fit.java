package dev.plugbench.toolkit.metrics;

/** Goodness of fit between two real variables. */
public final class Fit {
    private Fit() {
    }

    /**
     * R^2 of the least-squares line y ~ a + b x: the squared Pearson correlation. This is the
     * paper's "R^2 of a linear fit between the network's and the surrogate's logits".
     */
    public static double rSquaredOfLinearFit(double[] x, double[] y) {
        Checks.sameLength(x, y, "R^2");
        Checks.finite(x, "R^2 (x)");
        Checks.finite(y, "R^2 (y)");
        Checks.atLeast(x.length, 2, "R^2");
        double mx = mean(x);
        double my = mean(y);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        if (sxx == 0 || syy == 0) {
            return Double.NaN;
        }
        return sxy * sxy / (sxx * syy);
    }

    /** The coefficient of determination 1 - SS_res / SS_tot of predictions (sklearn's {@code r2_score}). */
    public static double coefficientOfDetermination(double[] truth, double[] predicted) {
        Checks.sameLength(truth, predicted, "R^2");
        Checks.finite(truth, "R^2 (truth)");
        Checks.finite(predicted, "R^2 (predicted)");
        Checks.atLeast(truth.length, 2, "R^2");
        double m = mean(truth);
        double res = 0;
        double tot = 0;
        for (int i = 0; i < truth.length; i++) {
            res += (truth[i] - predicted[i]) * (truth[i] - predicted[i]);
            tot += (truth[i] - m) * (truth[i] - m);
        }
        return tot == 0 ? Double.NaN : 1 - res / tot;
    }

    static double mean(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d;
        }
        return s / v.length;
    }
}
