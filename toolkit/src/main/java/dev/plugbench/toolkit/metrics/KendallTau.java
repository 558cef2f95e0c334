package dev.plugbench.toolkit.metrics;

import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Kendall's tau-b rank correlation in O(n log n) (Knight 1966): sort by x then y, count the
 * discordant pairs as the inversions a merge sort of y removes, and correct for ties in x, in y and
 * in both. The same definition as {@code scipy.stats.kendalltau} (variant 'b').
 */
public final class KendallTau {
    private KendallTau() {
    }

    /**
     * Tau-b of the pairs (x[i], y[i]).
     *
     * @return tau in [-1, 1], or NaN when x or y is constant (tau is undefined then)
     */
    public static double tauB(double[] x, double[] y) {
        Checks.sameLength(x, y, "Kendall tau");
        Checks.finite(x, "Kendall tau (x)");
        Checks.finite(y, "Kendall tau (y)");
        int n = x.length;
        Checks.atLeast(n, 2, "Kendall tau");
        // + 0.0 turns -0.0 into 0.0: they are equal values, and the sort must see them as equal too
        double[] px = new double[n];
        double[] py = new double[n];
        for (int i = 0; i < n; i++) {
            px[i] = x[i] + 0.0;
            py[i] = y[i] + 0.0;
        }
        int[] order = IntStream.range(0, n).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> px[i]).thenComparingDouble(i -> py[i]))
                .mapToInt(Integer::intValue).toArray();
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int k = 0; k < n; k++) {
            xs[k] = px[order[k]];
            ys[k] = py[order[k]];
        }
        long tiesX = 0;
        long tiesXY = 0;
        long runX = 1;
        long runXY = 1;
        for (int k = 1; k < n; k++) {
            if (xs[k] == xs[k - 1]) {
                runX++;
                if (ys[k] == ys[k - 1]) {
                    runXY++;
                } else {
                    tiesXY += pairs(runXY);
                    runXY = 1;
                }
            } else {
                tiesX += pairs(runX);
                tiesXY += pairs(runXY);
                runX = 1;
                runXY = 1;
            }
        }
        tiesX += pairs(runX);
        tiesXY += pairs(runXY);

        long discordant = inversions(ys, new double[n], 0, n);
        long tiesY = 0;
        long runY = 1;
        for (int k = 1; k < n; k++) {
            if (ys[k] == ys[k - 1]) {
                runY++;
            } else {
                tiesY += pairs(runY);
                runY = 1;
            }
        }
        tiesY += pairs(runY);

        long total = pairs(n);
        double denominator = Math.sqrt((double) (total - tiesX) * (double) (total - tiesY));
        if (denominator == 0) {
            return Double.NaN;
        }
        double numerator = (double) (total - tiesX - tiesY + tiesXY) - 2.0 * discordant;
        return Math.max(-1, Math.min(1, numerator / denominator));
    }

    private static long pairs(long t) {
        return t * (t - 1) / 2;
    }

    /** Sorts a[from, to) ascending and returns the number of strict inversions it removed. */
    private static long inversions(double[] a, double[] buffer, int from, int to) {
        if (to - from < 2) {
            return 0;
        }
        int mid = (from + to) >>> 1;
        long count = inversions(a, buffer, from, mid) + inversions(a, buffer, mid, to);
        int i = from;
        int j = mid;
        int k = from;
        while (i < mid && j < to) {
            if (a[j] < a[i]) {
                count += mid - i;
                buffer[k++] = a[j++];
            } else {
                buffer[k++] = a[i++];
            }
        }
        while (i < mid) {
            buffer[k++] = a[i++];
        }
        while (j < to) {
            buffer[k++] = a[j++];
        }
        System.arraycopy(buffer, from, a, from, to - from);
        return count;
    }

    /** O(n^2) tau-b by counting pairs, for tests. */
    static double tauBByPairs(double[] x, double[] y) {
        long concordant = 0;
        long discordant = 0;
        long onlyX = 0;
        long onlyY = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = i + 1; j < x.length; j++) {
                double dx = Math.signum(x[i] - x[j]);
                double dy = Math.signum(y[i] - y[j]);
                if (dx == 0 && dy == 0) {
                    continue;
                }
                if (dx == 0) {
                    onlyX++;
                } else if (dy == 0) {
                    onlyY++;
                } else if (dx == dy) {
                    concordant++;
                } else {
                    discordant++;
                }
            }
        }
        return (concordant - discordant) / Math.sqrt((double) (concordant + discordant + onlyX) * (concordant + discordant + onlyY));
    }
}
