package dev.plugbench.plugins.latent;

import java.util.SplittableRandom;

/**
 * A codebook learned by exponential moving averages (Razavi et al., 2019), with the usual
 * remedies for collapse: k-means initialisation from the first batch it learns from, and restarts
 * of codes whose moving-average count falls below a threshold (each restarted at a random latent
 * of the current batch).
 */
final class EmaCodebook {
    private static final double EPSILON = 1e-5;

    final Codebook codebook;
    private final double decay;
    private final double restartThreshold;
    private final int kMeansIterations;
    private final double[] counts;
    private final double[] sums;
    private final SplittableRandom rng;
    private boolean initialised;
    private long restarts;

    EmaCodebook(int size, int width, double decay, double restartThreshold, int kMeansIterations, long seed) {
        this.codebook = Codebook.uniform(size, width, seed);
        this.decay = decay;
        this.restartThreshold = restartThreshold;
        this.kMeansIterations = kMeansIterations;
        this.counts = new double[size];
        this.sums = new double[size * width];
        this.rng = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
    }

    /** One EMA step on rows z (row-major n x C) assigned to {@code codes}. */
    void learn(double[] z, int n, int[] codes) {
        int k = codebook.size;
        int c = codebook.width;
        if (!initialised) {
            codebook.kMeans(z, n, kMeansIterations, rng);
            codes = codebook.assign(org.nd4j.linalg.factory.Nd4j.create(z, new long[] {n, c}, 'c'));
            initialised = true;
            for (int j = 0; j < k; j++) {
                counts[j] = 0;
            }
            for (int i = 0; i < n; i++) {
                counts[codes[i]] += 1;
            }
            for (int j = 0; j < k; j++) {
                for (int m = 0; m < c; m++) {
                    sums[j * c + m] = codebook.words[j * c + m] * counts[j];
                }
            }
            return;
        }
        double[] batchCounts = new double[k];
        double[] batchSums = new double[k * c];
        for (int i = 0; i < n; i++) {
            batchCounts[codes[i]] += 1;
            for (int m = 0; m < c; m++) {
                batchSums[codes[i] * c + m] += z[i * c + m];
            }
        }
        double total = 0;
        for (int j = 0; j < k; j++) {
            counts[j] = decay * counts[j] + (1 - decay) * batchCounts[j];
            total += counts[j];
            for (int m = 0; m < c; m++) {
                sums[j * c + m] = decay * sums[j * c + m] + (1 - decay) * batchSums[j * c + m];
            }
        }
        for (int j = 0; j < k; j++) {
            double smoothed = (counts[j] + EPSILON) / (total + k * EPSILON) * total;
            for (int m = 0; m < c; m++) {
                codebook.words[j * c + m] = sums[j * c + m] / smoothed;
            }
        }
        for (int j = 0; j < k; j++) {
            if (counts[j] < restartThreshold) {
                int row = rng.nextInt(n);
                codebook.set(j, z, row);
                counts[j] = 1;
                for (int m = 0; m < c; m++) {
                    sums[j * c + m] = z[row * c + m];
                }
                restarts++;
            }
        }
    }

    /** Codes restarted so far. */
    long restarts() {
        return restarts;
    }
}
