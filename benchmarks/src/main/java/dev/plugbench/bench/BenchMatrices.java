package dev.plugbench.bench;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Inputs shared with the Python peers: a symmetric n x n matrix with entries from SplitMix64
 * (the same generator as python/bench_inputs.py), so both sides decompose identical matrices.
 */
public final class BenchMatrices {
    private BenchMatrices() {
    }

    /** Uniform values in [-1, 1) from SplitMix64 seeded with {@code seed}. */
    public static double[] uniform(long seed, int count) {
        long state = seed;
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            state += 0x9E3779B97F4A7C15L;
            long z = state;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            z = z ^ (z >>> 31);
            out[i] = (z >>> 11) * 0x1.0p-53 * 2 - 1;
        }
        return out;
    }

    /** (G + G^T) / 2 for an n x n G of {@link #uniform} values, row-major. */
    static INDArray symmetric(int n, long seed) {
        double[] g = uniform(seed, n * n);
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i * n + j] = (g[i * n + j] + g[j * n + i]) / 2;
            }
        }
        return Nd4j.create(a, new long[] {n, n}, 'c');
    }
}
