package dev.plugbench.toolkit.metrics;

import java.util.Comparator;
import java.util.stream.IntStream;

/** Retrieval metrics for scores against binary relevance: AUROC and precision at k. */
public final class Ranking {
    private Ranking() {
    }

    /**
     * Area under the ROC curve: the probability that a random positive scores above a random
     * negative, ties counting one half (the Mann-Whitney statistic; equals sklearn's
     * {@code roc_auc_score}).
     */
    public static double auroc(double[] scores, boolean[] positive) {
        if (scores.length != positive.length) {
            throw new IllegalArgumentException("AUROC: " + scores.length + " scores for " + positive.length + " labels");
        }
        Checks.finite(scores, "AUROC");
        int n = scores.length;
        int[] order = IntStream.range(0, n).boxed().sorted(Comparator.comparingDouble(i -> scores[i])).mapToInt(Integer::intValue).toArray();
        double rankSumPositive = 0;
        long positives = 0;
        int k = 0;
        while (k < n) {
            int end = k;
            while (end + 1 < n && scores[order[end + 1]] == scores[order[k]]) {
                end++;
            }
            double averageRank = (k + end) / 2.0 + 1;
            for (int t = k; t <= end; t++) {
                if (positive[order[t]]) {
                    rankSumPositive += averageRank;
                    positives++;
                }
            }
            k = end + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            throw new IllegalArgumentException("AUROC needs at least one positive and one negative; got " + positives + " and " + negatives);
        }
        return (rankSumPositive - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /**
     * Fraction of relevant items among the k highest scores. Ties at the cut are broken by index
     * (lower first), so the result is deterministic.
     */
    public static double precisionAtK(double[] scores, boolean[] relevant, int k) {
        if (scores.length != relevant.length) {
            throw new IllegalArgumentException("precision@k: " + scores.length + " scores for " + relevant.length + " labels");
        }
        if (k < 1 || k > scores.length) {
            throw new IllegalArgumentException("precision@k: k = " + k + " must be in [1, " + scores.length + "]");
        }
        Checks.finite(scores, "precision@k");
        int[] top = IntStream.range(0, scores.length).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparingInt(i -> i))
                .limit(k).mapToInt(Integer::intValue).toArray();
        int hits = 0;
        for (int i : top) {
            if (relevant[i]) {
                hits++;
            }
        }
        return hits / (double) k;
    }
}
