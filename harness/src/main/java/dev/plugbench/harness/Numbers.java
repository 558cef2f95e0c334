package dev.plugbench.harness;

import java.util.Locale;

/**
 * How reports print numbers: a value with 4 significant digits, and a mean with its standard error
 * as "mean ± se", the error with 2 significant digits and the mean to the same decimal place. An
 * error below 1e-9 of the mean is floating-point noise (the same value on every seed) and prints as 0.
 */
final class Numbers {
    private Numbers() {
    }

    static String value(double v) {
        if (v == 0) {
            return "0";
        }
        if (!Double.isFinite(v)) {
            return String.valueOf(v);
        }
        double a = Math.abs(v);
        return a >= 1e5 || a < 1e-3 ? String.format(Locale.ROOT, "%.3e", v) : String.format(Locale.ROOT, "%.4g", v);
    }

    static String meanStderr(double mean, double se) {
        if (!(se > 0) || !Double.isFinite(se) || se <= 1e-9 * Math.abs(mean)) {
            return value(mean) + " ± 0";
        }
        int decimals = 1 - (int) Math.floor(Math.log10(se));
        double roundedSe = Double.parseDouble(String.format(Locale.ROOT, "%." + Math.max(decimals, 0) + "f", se));
        if (roundedSe >= Math.pow(10, 2 - decimals)) {
            decimals--; // 0.0996 rounds to 0.10: two digits, one place fewer
        }
        if (decimals > 9 || Math.abs(mean) >= 1e6 || (decimals < 0 && Math.abs(mean) >= 1e5)) {
            return String.format(Locale.ROOT, "%.3e ± %.1e", mean, se);
        }
        int d = Math.max(decimals, 0);
        return String.format(Locale.ROOT, "%." + d + "f ± %." + d + "f", mean, se);
    }

    /** A p-value: 3 significant digits, "< 1e-6" below that. */
    static String p(double p) {
        return p < 1e-6 ? "< 1e-6" : String.format(Locale.ROOT, p < 0.001 ? "%.1e" : "%.3f", p);
    }
}
