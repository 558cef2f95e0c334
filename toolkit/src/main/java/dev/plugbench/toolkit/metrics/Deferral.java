package dev.plugbench.toolkit.metrics;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Outcomes of a client / expert system with a rejector ("learning to help", learning to defer):
 * per input, whether the client is right, whether the expert is right, and whether the input was
 * offloaded. A local error costs 1, an offload costs c_e, an expert error on an offloaded input
 * costs c_1 more (the generalized 0-1 loss).
 *
 * @param clientCorrect whether the fixed client's prediction is right, per input
 * @param expertCorrect whether the expert's prediction is right, per input
 */
public record Deferral(boolean[] clientCorrect, boolean[] expertCorrect) {
    public Deferral {
        if (clientCorrect.length != expertCorrect.length) {
            throw new IllegalArgumentException("clientCorrect has " + clientCorrect.length + " entries but expertCorrect "
                    + expertCorrect.length);
        }
        if (clientCorrect.length == 0) {
            throw new IllegalArgumentException("no inputs: deferral metrics need at least one");
        }
        clientCorrect = clientCorrect.clone();
        expertCorrect = expertCorrect.clone();
    }

    /** Number of inputs. */
    public int size() {
        return clientCorrect.length;
    }

    /** Fraction of inputs answered correctly by whoever answers them. */
    public double systemAccuracy(boolean[] offloaded) {
        check(offloaded);
        int right = 0;
        for (int i = 0; i < offloaded.length; i++) {
            right += (offloaded[i] ? expertCorrect[i] : clientCorrect[i]) ? 1 : 0;
        }
        return (double) right / offloaded.length;
    }

    /** Empirical generalized 0-1 risk: mean of 1[local error] or c_e + c_1 1[expert error]. */
    public double risk(boolean[] offloaded, double offloadCost, double expertErrorCost) {
        check(offloaded);
        double sum = 0;
        for (int i = 0; i < offloaded.length; i++) {
            if (offloaded[i]) {
                sum += offloadCost + (expertCorrect[i] ? 0 : expertErrorCost);
            } else {
                sum += clientCorrect[i] ? 0 : 1;
            }
        }
        return sum / offloaded.length;
    }

    /**
     * System accuracy when the inputs with the lowest keep-scores are offloaded, for each reject rate
     * in {@code rates}: round(rate n) inputs go to the expert. Tied scores are offloaded as a block
     * in expectation (the accuracy moves linearly across a tie), so no input order is favoured.
     */
    public double[] accuracyAtRejectRates(double[] keepScore, double[] rates) {
        double[] curve = cumulativeAccuracy(keepScore);
        int n = size();
        double[] out = new double[rates.length];
        for (int r = 0; r < rates.length; r++) {
            if (!(rates[r] >= 0 && rates[r] <= 1)) {
                throw new IllegalArgumentException("reject rate " + rates[r] + " is outside [0, 1]");
            }
            out[r] = curve[(int) Math.round(rates[r] * n)];
        }
        return out;
    }

    /**
     * Area under system accuracy against reject rate over [0, maxRate], divided by maxRate: the mean
     * accuracy of the ranking over that range (trapezoids over every k / n, ties as in
     * {@link #accuracyAtRejectRates}).
     */
    public double accuracyRejectAuc(double[] keepScore, double maxRate) {
        if (!(maxRate > 0 && maxRate <= 1)) {
            throw new IllegalArgumentException("maxRate = " + maxRate + ": it must be in (0, 1]");
        }
        double[] curve = cumulativeAccuracy(keepScore);
        int n = size();
        int last = (int) Math.floor(maxRate * n);
        if (last == 0) {
            return curve[0];
        }
        double area = 0;
        for (int k = 0; k < last; k++) {
            area += 0.5 * (curve[k] + curve[k + 1]) / n;
        }
        return area / ((double) last / n);
    }

    /** curve[k] = expected system accuracy with the k lowest-scoring inputs offloaded, k = 0..n. */
    private double[] cumulativeAccuracy(double[] keepScore) {
        check(keepScore.length);
        int n = size();
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(keepScore[i])) {
                throw new IllegalArgumentException("keep score " + i + " is NaN: a rule must score every input");
            }
        }
        Integer[] order = IntStream.range(0, n).boxed().sorted(Comparator.comparingDouble(i -> keepScore[i])).toArray(Integer[]::new);
        double[] curve = new double[n + 1];
        int right = 0;
        for (boolean c : clientCorrect) {
            right += c ? 1 : 0;
        }
        curve[0] = (double) right / n;
        int start = 0;
        while (start < n) {
            int end = start;
            int gain = 0;
            while (end < n && keepScore[order[end]] == keepScore[order[start]]) {
                int i = order[end];
                gain += (expertCorrect[i] ? 1 : 0) - (clientCorrect[i] ? 1 : 0);
                end++;
            }
            int size = end - start;
            for (int k = 1; k <= size; k++) {
                curve[start + k] = curve[start] + (double) gain * k / size / n;
            }
            start = end;
        }
        return curve;
    }

    private void check(boolean[] offloaded) {
        check(offloaded.length);
    }

    private void check(int length) {
        if (length != size()) {
            throw new IllegalArgumentException("got " + length + " decisions for " + size() + " inputs");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Deferral d && Arrays.equals(clientCorrect, d.clientCorrect) && Arrays.equals(expertCorrect, d.expertCorrect);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(clientCorrect) + Arrays.hashCode(expertCorrect);
    }

    @Override
    public String toString() {
        return "Deferral[" + size() + " inputs]";
    }
}
