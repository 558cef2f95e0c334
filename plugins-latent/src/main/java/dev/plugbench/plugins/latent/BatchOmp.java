package dev.plugbench.plugins.latent;

import dev.plugbench.toolkit.linalg.MatMul;
import dev.plugbench.toolkit.nn.StepWorkspace;
import java.nio.DoubleBuffer;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Batch-OMP (Rubinstein, Zibulevsky and Elad, 2008): orthogonal matching pursuit of many vectors
 * against one dictionary, from the Gram matrix G = D^T D and the correlations a0 = D^T h, with the
 * Cholesky factor of G restricted to the support grown one row per atom. Per vector, S0 rounds of:
 * pick j = argmax |a_j| outside the support, extend the factor, solve for the coefficients on the
 * support, a = a0 - G[:, I] gamma. The correlations of a block of vectors are one BLAS product; the
 * per-vector rounds run in parallel over rows, in float64, with the correlation update fused into
 * the next round's argmax (a is never stored).
 */
final class BatchOmp {
    /** Rows coded per block (a block's correlations, rows x K doubles, live in a reused workspace). */
    static final int BLOCK = 2048;
    private static final double TINY = 1e-12;

    private final int latentDim;
    private final int atoms;
    /** D, C x K, float64. */
    private final INDArray dictionary;
    /** D^T, K x C row-major: atom j is row j. */
    private final double[] atomRows;
    /** G = D^T D, K x K row-major. */
    private final double[] gram;

    /**
     * @param dictionary C x K, columns of unit norm (not checked here: the caller normalises)
     */
    BatchOmp(INDArray dictionary) {
        this.dictionary = dictionary.castTo(DataType.DOUBLE);
        this.latentDim = (int) dictionary.rows();
        this.atoms = (int) dictionary.columns();
        this.atomRows = this.dictionary.transpose().dup('c').data().asDouble();
        this.gram = MatMul.of(this.dictionary, true, this.dictionary, false, 1.0).dup('c').data().asDouble();
    }

    /**
     * Sparse codes of every row of {@code latents} (n x C) with at most {@code sparsity} atoms:
     * support[i * sparsity + s] and coefficient[i * sparsity + s]; unused slots (when the residual
     * vanishes first) hold atom -1 and coefficient 0.
     */
    Codes code(INDArray latents, int sparsity) {
        int n = (int) latents.rows();
        int[] support = new int[n * sparsity];
        double[] coefficients = new double[n * sparsity];
        INDArray z = latents.castTo(DataType.DOUBLE);
        for (int start = 0; start < n; start += BLOCK) {
            int end = Math.min(n, start + BLOCK);
            try (MemoryWorkspace ws = StepWorkspace.open("plugbench-latent-coding")) {
                INDArray block = z.get(NDArrayIndex.interval(start, end), NDArrayIndex.all()).dup('c');
                INDArray products = MatMul.of(block, false, dictionary, false, 1.0);
                DoubleBuffer a0 = products.data().asNioDouble();
                int offset = start;
                int rows = end - start;
                int chunks = Math.min(rows, 2 * Runtime.getRuntime().availableProcessors());
                IntStream.range(0, chunks).parallel().forEach(c -> {
                    Workspace scratch = new Workspace(atoms, sparsity);
                    for (int r = c * rows / chunks; r < (c + 1) * rows / chunks; r++) {
                        a0.get(r * atoms, scratch.a0, 0, atoms);
                        codeOne(scratch, sparsity, support, coefficients, (offset + r) * sparsity);
                    }
                });
            }
        }
        return new Codes(sparsity, support, coefficients);
    }

    /** Per-thread scratch space. */
    private static final class Workspace {
        final double[] a0;
        final double[] lower;
        final double[] w;
        final double[] gamma;
        final double[] y;
        final int[] chosen;

        Workspace(int atoms, int sparsity) {
            a0 = new double[atoms];
            lower = new double[sparsity * sparsity];
            w = new double[sparsity];
            gamma = new double[sparsity];
            y = new double[sparsity];
            chosen = new int[sparsity];
        }
    }

    /** One vector's pursuit from its correlations ws.a0; writes S0 slots at {@code out}. */
    private void codeOne(Workspace ws, int sparsity, int[] support, double[] coefficients, int out) {
        int k = atoms;
        double[] a0 = ws.a0;
        double[] lower = ws.lower;
        int[] chosen = ws.chosen;
        int size = 0;
        for (int round = 0; round < sparsity; round++) {
            // j = argmax |a_j| outside the support, a = a0 - G[:, I] gamma computed on the fly
            int best = -1;
            double bestValue = TINY;
            if (size == 0) {
                for (int j = 0; j < k; j++) {
                    double v = Math.abs(a0[j]);
                    if (v > bestValue) {
                        bestValue = v;
                        best = j;
                    }
                }
            } else if (size == 1) {
                int r0 = chosen[0] * k;
                double g0 = ws.gamma[0];
                for (int j = 0; j < k; j++) {
                    double v = Math.abs(a0[j] - g0 * gram[r0 + j]);
                    if (v > bestValue && j != chosen[0]) {
                        bestValue = v;
                        best = j;
                    }
                }
            } else if (size == 2) {
                int r0 = chosen[0] * k;
                int r1 = chosen[1] * k;
                double g0 = ws.gamma[0];
                double g1 = ws.gamma[1];
                for (int j = 0; j < k; j++) {
                    double v = Math.abs(a0[j] - g0 * gram[r0 + j] - g1 * gram[r1 + j]);
                    if (v > bestValue && j != chosen[0] && j != chosen[1]) {
                        bestValue = v;
                        best = j;
                    }
                }
            } else {
                for (int j = 0; j < k; j++) {
                    double a = a0[j];
                    for (int i = 0; i < size; i++) {
                        a -= ws.gamma[i] * gram[chosen[i] * k + j];
                    }
                    double v = Math.abs(a);
                    if (v > bestValue && !contains(chosen, size, j)) {
                        bestValue = v;
                        best = j;
                    }
                }
            }
            if (best < 0) {
                break; // the residual is orthogonal to every atom
            }
            if (size > 0) {
                // w = L^{-1} G[I, best]; the new row of L is (w, sqrt(G_jj - w.w))
                double ww = 0;
                for (int i = 0; i < size; i++) {
                    double s = gram[chosen[i] * k + best];
                    for (int m = 0; m < i; m++) {
                        s -= lower[i * sparsity + m] * ws.w[m];
                    }
                    ws.w[i] = s / lower[i * sparsity + i];
                    ww += ws.w[i] * ws.w[i];
                }
                double d = gram[best * k + best] - ww;
                if (d <= 1e-10) {
                    break; // the atom is (numerically) in the span of the support
                }
                for (int i = 0; i < size; i++) {
                    lower[size * sparsity + i] = ws.w[i];
                }
                lower[size * sparsity + size] = Math.sqrt(d);
            } else {
                if (gram[best * k + best] <= 1e-10) {
                    break; // a zero atom cannot be used
                }
                lower[0] = Math.sqrt(gram[best * k + best]);
            }
            chosen[size++] = best;
            // gamma = (L L^T)^{-1} a0[I]
            for (int i = 0; i < size; i++) {
                double s = a0[chosen[i]];
                for (int m = 0; m < i; m++) {
                    s -= lower[i * sparsity + m] * ws.y[m];
                }
                ws.y[i] = s / lower[i * sparsity + i];
            }
            for (int i = size - 1; i >= 0; i--) {
                double s = ws.y[i];
                for (int m = i + 1; m < size; m++) {
                    s -= lower[m * sparsity + i] * ws.gamma[m];
                }
                ws.gamma[i] = s / lower[i * sparsity + i];
            }
        }
        for (int i = 0; i < sparsity; i++) {
            support[out + i] = i < size ? chosen[i] : -1;
            coefficients[out + i] = i < size ? ws.gamma[i] : 0;
        }
    }

    /** The n x C reconstruction D gamma of {@code codes}. */
    INDArray reconstruct(Codes codes) {
        int n = codes.size();
        int s0 = codes.sparsity();
        double[] out = new double[n * latentDim];
        for (int i = 0; i < n; i++) {
            for (int s = 0; s < s0; s++) {
                int atom = codes.support()[i * s0 + s];
                if (atom < 0) {
                    continue;
                }
                double g = codes.coefficients()[i * s0 + s];
                for (int m = 0; m < latentDim; m++) {
                    out[i * latentDim + m] += g * atomRows[atom * latentDim + m];
                }
            }
        }
        return Nd4j.create(out, new long[] {n, latentDim}, 'c');
    }

    private static boolean contains(int[] chosen, int size, int j) {
        for (int i = 0; i < size; i++) {
            if (chosen[i] == j) {
                return true;
            }
        }
        return false;
    }

    /**
     * Sparse codes of n vectors, {@code sparsity} slots each.
     *
     * @param sparsity     slots per vector (S0)
     * @param support      atom per slot, -1 when unused
     * @param coefficients coefficient per slot, 0 when unused
     */
    record Codes(int sparsity, int[] support, double[] coefficients) {
        int size() {
            return support.length / sparsity;
        }
    }
}
