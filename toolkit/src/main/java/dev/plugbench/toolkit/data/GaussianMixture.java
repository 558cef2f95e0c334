package dev.plugbench.toolkit.data;

import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A binary Gaussian mixture with a known posterior: y = 1 with probability {@code prior}, and
 * x | y ~ N(+mu, I) for y = 1, N(-mu, I) for y = 0. Then
 * P(y = 1 | x) = sigmoid(2 mu.x + log(prior / (1 - prior))) exactly, which makes the Bayes rule of
 * any decision problem on it computable.
 */
public final class GaussianMixture {
    private final double[] mu;
    private final double prior;

    /**
     * @param mu    the mean of class 1 (class 0 has -mu)
     * @param prior P(y = 1), in (0, 1)
     */
    public GaussianMixture(double[] mu, double prior) {
        Objects.requireNonNull(mu, "mu is null");
        if (mu.length == 0) {
            throw new IllegalArgumentException("mu must have at least one dimension");
        }
        if (!(prior > 0 && prior < 1)) {
            throw new IllegalArgumentException("prior = " + prior + ": it must be in (0, 1)");
        }
        this.mu = mu.clone();
        this.prior = prior;
    }

    public int dimension() {
        return mu.length;
    }

    /** n samples drawn from {@code seed}. */
    public Dataset sample(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] x = new double[n][mu.length];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextDouble() < prior ? 1 : 0;
            double sign = y[i] == 1 ? 1 : -1;
            for (int j = 0; j < mu.length; j++) {
                x[i][j] = sign * mu[j] + Gaussian.next(rng);
            }
        }
        return Dataset.classification("gaussian-mixture", Nd4j.createFromArray(x), y, List.of("0", "1"));
    }

    /** P(y = 1 | x) for each row of x. */
    public double[] posterior(INDArray x) {
        INDArray logit = x.castTo(DataType.DOUBLE).mmul(Nd4j.createFromArray(mu).reshape(mu.length, 1)).muli(2)
                .addi(Math.log(prior / (1 - prior)));
        double[] z = logit.data().asDouble();
        double[] p = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            p[i] = 1 / (1 + Math.exp(-z[i]));
        }
        return p;
    }
}
