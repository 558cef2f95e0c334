package dev.plugbench.plugins.latent;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** K codewords of width C, row-major in a double array, with the helpers the VQ variants share. */
final class Codebook {
    final int size;
    final int width;
    final double[] words;

    Codebook(int size, int width) {
        this.size = size;
        this.width = width;
        this.words = new double[size * width];
    }

    /** The VQ-VAE initialisation: every entry uniform in [-1/K, 1/K]. */
    static Codebook uniform(int size, int width, long seed) {
        Codebook c = new Codebook(size, width);
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < c.words.length; i++) {
            c.words[i] = (2 * rng.nextDouble() - 1) / size;
        }
        return c;
    }

    INDArray asArray() {
        return Nd4j.create(words.clone(), new long[] {size, width}, 'c');
    }

    int[] assign(INDArray latents) {
        return NearestCodeword.assign(latents, asArray());
    }

    /** The codewords picked by {@code codes}, as an n x C array of {@code type}. */
    INDArray gather(int[] codes, DataType type) {
        double[] out = new double[codes.length * width];
        for (int i = 0; i < codes.length; i++) {
            System.arraycopy(words, codes[i] * width, out, i * width, width);
        }
        return Nd4j.create(out, new long[] {codes.length, width}, 'c').castTo(type);
    }

    /** Copies latent row {@code row} (of a row-major n x C array) into codeword {@code k}. */
    void set(int k, double[] latents, int row) {
        System.arraycopy(latents, row * width, words, k * width, width);
    }

    /**
     * k-means on the rows of {@code z} (row-major n x C): K distinct rows drawn at random as the
     * start (rows reused when n < K), then {@code iterations} Lloyd steps; empty clusters keep their word.
     */
    void kMeans(double[] z, int n, int iterations, SplittableRandom rng) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        for (int k = 0; k < size; k++) {
            set(k, z, order[k % n]);
        }
        INDArray latents = Nd4j.create(z, new long[] {n, width}, 'c');
        for (int it = 0; it < iterations; it++) {
            int[] codes = assign(latents);
            double[] sums = new double[size * width];
            int[] counts = new int[size];
            for (int i = 0; i < n; i++) {
                counts[codes[i]]++;
                for (int m = 0; m < width; m++) {
                    sums[codes[i] * width + m] += z[i * width + m];
                }
            }
            for (int k = 0; k < size; k++) {
                if (counts[k] > 0) {
                    for (int m = 0; m < width; m++) {
                        words[k * width + m] = sums[k * width + m] / counts[k];
                    }
                }
            }
        }
    }
}
