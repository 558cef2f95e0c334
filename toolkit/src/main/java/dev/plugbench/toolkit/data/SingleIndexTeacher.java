package dev.plugbench.toolkit.data;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The single-index teacher of the spectral experiments: x ~ N(0, I_d) and
 * y = softplus(beta.x) + noise * eps, eps ~ N(0, 1), with a unit-norm direction beta drawn from the seed.
 */
public final class SingleIndexTeacher {
    private final double[] beta;
    private final double noise;

    public SingleIndexTeacher(int dimension, double noise, long seed) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension = " + dimension + ": it must be at least 1");
        }
        if (!(noise >= 0) || Double.isInfinite(noise)) {
            throw new IllegalArgumentException("noise = " + noise + ": it must be a finite number >= 0");
        }
        double[] b = Gaussian.next(new SplittableRandom(seed), dimension);
        double norm = 0;
        for (double v : b) {
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        for (int i = 0; i < b.length; i++) {
            b[i] /= norm;
        }
        this.beta = b;
        this.noise = noise;
    }

    /** The unit teacher direction, as a d x 1 column. */
    public INDArray beta() {
        return Nd4j.createFromArray(beta).reshape(beta.length, 1);
    }

    /** n samples with n x 1 targets, drawn from {@code seed}. */
    public Dataset sample(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int d = beta.length;
        double[][] x = new double[n][d];
        double[][] y = new double[n][1];
        for (int i = 0; i < n; i++) {
            double z = 0;
            for (int j = 0; j < d; j++) {
                x[i][j] = Gaussian.next(rng);
                z += beta[j] * x[i][j];
            }
            double softplus = z > 30 ? z : Math.log1p(Math.exp(z));
            y[i][0] = softplus + noise * Gaussian.next(rng);
        }
        return Dataset.regression("single-index-teacher", Nd4j.createFromArray(x), Nd4j.createFromArray(y));
    }
}
