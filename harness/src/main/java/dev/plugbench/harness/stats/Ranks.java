package dev.plugbench.harness.stats;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** Ranks 1..n in ascending order, ties sharing their mean rank (scipy's {@code rankdata}). */
final class Ranks {
    private Ranks() {
    }

    static double[] average(double[] x) {
        Integer[] order = IntStream.range(0, x.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> x[i]));
        double[] ranks = new double[x.length];
        for (int i = 0; i < x.length; ) {
            int j = i;
            while (j < x.length && x[order[j]] == x[order[i]]) {
                j++;
            }
            double mean = (i + 1 + j) / 2.0;
            for (int k = i; k < j; k++) {
                ranks[order[k]] = mean;
            }
            i = j;
        }
        return ranks;
    }
}
