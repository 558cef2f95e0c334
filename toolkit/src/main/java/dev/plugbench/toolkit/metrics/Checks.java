package dev.plugbench.toolkit.metrics;

/** Argument checks shared by the metrics. */
final class Checks {
    private Checks() {
    }

    static void sameLength(double[] a, double[] b, String what) {
        if (a.length != b.length) {
            throw new IllegalArgumentException(what + ": the two inputs have " + a.length + " and " + b.length + " values");
        }
    }

    static void finite(double[] a, String what) {
        for (int i = 0; i < a.length; i++) {
            if (!Double.isFinite(a[i])) {
                throw new IllegalArgumentException(what + ": value " + i + " is " + a[i] + "; every value must be finite");
            }
        }
    }

    static void atLeast(int n, int min, String what) {
        if (n < min) {
            throw new IllegalArgumentException(what + " needs at least " + min + " values; got " + n);
        }
    }
}
