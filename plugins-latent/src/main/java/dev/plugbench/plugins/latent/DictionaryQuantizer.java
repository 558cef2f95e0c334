package dev.plugbench.plugins.latent;

import dev.plugbench.api.latent.Quantization;
import dev.plugbench.api.latent.QuantizerShape;
import dev.plugbench.toolkit.data.Gaussian;
import dev.plugbench.toolkit.linalg.Buffers;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The paper's bottleneck (notes 2.2): a dictionary D of K unit-norm atoms (C x K); each latent row
 * h is coded by Batch-OMP with at most S0 atoms, gamma = argmin ||h - D gamma|| s.t. ||gamma||_0 <= S0,
 * and reconstructed as D gamma; straight-through gradient with commitment beta. The dictionary
 * learns either by the gradient of lambda_D mean((D sg(gamma) - sg(z))^2) (Adam, then every column
 * renormalised; the authors' training) or by the online block-coordinate update of Mairal et al.
 * (2009) (A += gamma gamma^T, B += z gamma^T with forgetting, d_j += (b_j - D a_j) / A_jj, renormalise).
 * Each latent vector is its own row: the authors' {@code view(C, -1)} reshape bug is not copied.
 * An atom whose norm collapses to zero is restarted at a random latent of the batch, never divided by zero.
 */
final class DictionaryQuantizer extends StraightThroughQuantizer {
    enum Update { GRADIENT, ONLINE }

    private static final double DEAD_NORM = 1e-8;

    private final int sparsity;
    private final double dictionaryWeight;
    private final Update rule;
    private final double forget;
    /** D, K x C row-major (atom j is row j), unit rows. */
    private final double[] atoms;
    private final AdamState adam;
    private final double[] a;
    private final double[] b;
    private final SplittableRandom rng;
    private BatchOmp omp;
    private long restarts;

    DictionaryQuantizer(QuantizerShape shape, int sparsity, double beta, double dictionaryWeight, double learningRate, Update rule,
                        double forget, long seed) {
        super("dictionary", shape, beta);
        this.sparsity = sparsity;
        this.dictionaryWeight = dictionaryWeight;
        this.rule = rule;
        this.forget = forget;
        int k = shape.codebookSize();
        int c = shape.latentDim();
        this.rng = new SplittableRandom(seed);
        this.atoms = Gaussian.next(rng, k * c);
        this.adam = new AdamState(k * c, learningRate);
        this.a = rule == Update.ONLINE ? new double[k * k] : null;
        this.b = rule == Update.ONLINE ? new double[c * k] : null;
        normalise(null, 0);
    }

    /** D as C x K. */
    INDArray dictionary() {
        return Nd4j.create(atoms.clone(), new long[] {shape.codebookSize(), shape.latentDim()}, 'c').transpose().dup('c');
    }

    @Override
    public Quantization quantize(INDArray latents) {
        check(latents);
        if (omp == null) {
            omp = new BatchOmp(atoms, shape.codebookSize(), shape.latentDim());
        }
        BatchOmp.Codes codes = omp.code(latents, sparsity);
        INDArray reconstruction = omp.reconstruct(codes).castTo(latents.dataType());
        int n = (int) latents.rows();
        int[][] perRow = new int[n][sparsity];
        for (int i = 0; i < n; i++) {
            System.arraycopy(codes.support(), i * sparsity, perRow[i], 0, sparsity);
        }
        INDArray coef = Nd4j.create(codes.coefficients(), new long[] {n, sparsity}, 'c').castTo(latents.dataType());
        double mse = Latents.meanSquaredResidual(latents, reconstruction);
        return new Quantization(latents, reconstruction, perRow, coef, (beta + dictionaryWeight) * mse);
    }

    @Override
    public void update(Quantization q) {
        int n = (int) q.latents().rows();
        int c = shape.latentDim();
        int k = shape.codebookSize();
        double[] z = Buffers.rowMajor(q.latents());
        double[] zq = Buffers.rowMajor(q.reconstruction());
        double[] coef = Buffers.rowMajor(q.coefficients());
        int[][] codes = q.codes();
        count(codes);
        if (rule == Update.GRADIENT) {
            // d/dD of lambda mean((D gamma - z)^2) = 2 lambda / (n C) sum_i (D gamma_i - z_i) gamma_i^T
            double scale = 2 * dictionaryWeight / ((double) n * c);
            double[] g = new double[k * c];
            for (int i = 0; i < n; i++) {
                for (int s = 0; s < codes[i].length; s++) {
                    int j = codes[i][s];
                    if (j < 0) {
                        continue;
                    }
                    double w = scale * coef[i * codes[i].length + s];
                    for (int m = 0; m < c; m++) {
                        g[j * c + m] += w * (zq[i * c + m] - z[i * c + m]);
                    }
                }
            }
            adam.step(atoms, g);
        } else {
            online(z, coef, codes, n);
        }
        normalise(z, n);
        omp = null;
    }

    /** Mairal et al.'s block-coordinate dictionary update on this batch, with forgetting factor {@code forget}. */
    private void online(double[] z, double[] coef, int[][] codes, int n) {
        int c = shape.latentDim();
        int k = shape.codebookSize();
        for (int i = 0; i < a.length; i++) {
            a[i] *= forget;
        }
        for (int i = 0; i < b.length; i++) {
            b[i] *= forget;
        }
        for (int i = 0; i < n; i++) {
            int s0 = codes[i].length;
            for (int s = 0; s < s0; s++) {
                int j = codes[i][s];
                if (j < 0) {
                    continue;
                }
                double gj = coef[i * s0 + s];
                for (int t = 0; t < s0; t++) {
                    int l = codes[i][t];
                    if (l >= 0) {
                        a[j * k + l] += gj * coef[i * s0 + t] / n;
                    }
                }
                for (int m = 0; m < c; m++) {
                    b[m * k + j] += z[i * c + m] * gj / n;
                }
            }
        }
        for (int j = 0; j < k; j++) {
            double ajj = a[j * k + j];
            if (ajj <= 1e-12) {
                continue; // not used yet: nothing to learn from
            }
            for (int m = 0; m < c; m++) {
                double da = 0;
                for (int l = 0; l < k; l++) {
                    da += atoms[l * c + m] * a[l * k + j];
                }
                atoms[j * c + m] += (b[m * k + j] - da) / ajj;
            }
        }
    }

    /** Scales every atom to unit norm; a (numerically) zero atom is restarted at a random latent row (or a random direction). */
    private void normalise(double[] z, int n) {
        int c = shape.latentDim();
        for (int j = 0; j < shape.codebookSize(); j++) {
            double norm = norm(atoms, j * c, c);
            if (norm < DEAD_NORM) {
                restart(j, z, n);
                norm = norm(atoms, j * c, c);
            }
            for (int m = 0; m < c; m++) {
                atoms[j * c + m] /= norm;
            }
        }
    }

    private void restart(int j, double[] z, int n) {
        int c = shape.latentDim();
        restarts++;
        adam.reset(j * c, (j + 1) * c);
        if (z != null && n > 0) {
            for (int attempt = 0; attempt < 8; attempt++) {
                int row = rng.nextInt(n);
                if (norm(z, row * c, c) > DEAD_NORM) {
                    System.arraycopy(z, row * c, atoms, j * c, c);
                    return;
                }
            }
        }
        double[] g = Gaussian.next(rng, c);
        System.arraycopy(g, 0, atoms, j * c, c);
    }

    private static double norm(double[] v, int from, int length) {
        double s = 0;
        for (int i = from; i < from + length; i++) {
            s += v[i] * v[i];
        }
        return Math.sqrt(s);
    }

    /** Sets atom j (for tests: e.g. to zero, to check the restart). */
    void setAtom(int j, double[] value) {
        System.arraycopy(value, 0, atoms, j * shape.latentDim(), shape.latentDim());
        omp = null;
    }

    long restarts() {
        return restarts;
    }
}
