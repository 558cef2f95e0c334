package dev.plugbench.plugins.latent;

import dev.plugbench.toolkit.linalg.Buffers;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Batch-OMP (Rubinstein, Zibulevsky and Elad, 2008): orthogonal matching pursuit of many vectors
 * against one dictionary, from the Gram matrix G = D^T D and the correlations a0 = D^T h, with the
 * Cholesky factor of G restricted to the support grown one row per atom. Per vector, S0 rounds of:
 * pick j = argmax |a_j| outside the support, extend the factor, solve for the coefficients on the
 * support, a = a0 - G[:, I] gamma. Vectors are coded in parallel, in float64, each start to finish on
 * one thread: a0 in passes of four dictionary rows that the JIT vectorises (D stays in cache; a
 * BLAS product of a whole block wrote and reread N x K doubles through memory and measured slower),
 * and for supports of one or two atoms the correlation update fused into the next argmax. A coder
 * is built per dictionary (G in plain Java: the quantizer builds one per training step). Public
 * for the JMH benchmarks (benchmarks); a plugin class, not part of the contract.
 */
public final class BatchOmp {
    /** Parallel tasks per processor, at most (rows are split evenly over them). */
    static final int TASKS_PER_PROCESSOR = 8;
    /** Multiply-adds (about n K (C + S0)) worth one parallel task: smaller batches are coded on the caller's thread. */
    static final long WORK_PER_TASK = 1L << 19;
    private static final double TINY = 1e-12;

    private final int latentDim;
    private final int atoms;
    /** D^T, K x C row-major: atom j is row j. */
    private final double[] atomRows;
    /** The C rows of D, K values each. */
    private final double[][] dictionaryRows;
    /** G = D^T D: row j is G[j, :] (= G[:, j]). */
    private final double[][] gram;

    /**
     * @param dictionary C x K, columns of unit norm (not checked here: the caller normalises)
     */
    public BatchOmp(INDArray dictionary) {
        this(Buffers.rowMajor(dictionary.transpose()), (int) dictionary.columns(), (int) dictionary.rows());
    }

    /**
     * @param atomRows  the K atoms, C values each, row-major (atom j at j * C), of unit norm; copied
     * @param atoms     K
     * @param latentDim C
     */
    BatchOmp(double[] atomRows, int atoms, int latentDim) {
        this.latentDim = latentDim;
        this.atoms = atoms;
        this.atomRows = atomRows.clone();
        this.dictionaryRows = new double[latentDim][atoms];
        for (int j = 0; j < atoms; j++) {
            for (int m = 0; m < latentDim; m++) {
                dictionaryRows[m][j] = atomRows[j * latentDim + m];
            }
        }
        this.gram = new double[atoms][atoms];
        for (int i = 0; i < atoms; i++) {
            for (int j = i; j < atoms; j++) {
                double g = 0;
                for (int m = 0; m < latentDim; m++) {
                    g += atomRows[i * latentDim + m] * atomRows[j * latentDim + m];
                }
                gram[i][j] = g;
                gram[j][i] = g;
            }
        }
    }

    /**
     * Sparse codes of every row of {@code latents} (n x C) with at most {@code sparsity} atoms:
     * support[i * sparsity + s] and coefficient[i * sparsity + s]; unused slots (when the residual
     * vanishes first) hold atom -1 and coefficient 0.
     */
    public Codes code(INDArray latents, int sparsity) {
        int n = (int) latents.rows();
        int[] support = new int[n * sparsity];
        double[] coefficients = new double[n * sparsity];
        double[] z = Buffers.rowMajor(latents);
        int tasks = tasks(n, sparsity);
        if (tasks == 1) {
            codeRows(z, 0, n, sparsity, support, coefficients);
        } else {
            IntStream.range(0, tasks).parallel().forEach(t -> codeRows(z, (int) ((long) t * n / tasks),
                    (int) ((long) (t + 1) * n / tasks), sparsity, support, coefficients));
        }
        return new Codes(sparsity, support, coefficients);
    }

    /** Parallel tasks for coding n rows: one per {@link #WORK_PER_TASK} multiply-adds, within the limits. */
    int tasks(int n, int sparsity) {
        long work = (long) n * atoms * (latentDim + sparsity);
        long limit = (long) TASKS_PER_PROCESSOR * Runtime.getRuntime().availableProcessors();
        return (int) Math.max(1, Math.min(Math.min(n, work / WORK_PER_TASK), limit));
    }

    private void codeRows(double[] z, int from, int to, int sparsity, int[] support, double[] coefficients) {
        Workspace scratch = new Workspace(atoms, sparsity);
        for (int r = from; r < to; r++) {
            correlations(z, r * latentDim, scratch.a0);
            codeOne(scratch, sparsity, support, coefficients, r * sparsity);
        }
    }

    /** a0 = D^T h for h = z[offset .. offset + C): four rows of D per pass over a0. */
    private void correlations(double[] z, int offset, double[] a0) {
        double[][] d = dictionaryRows;
        Arrays.fill(a0, 0);
        int c = 0;
        for (; c + 4 <= latentDim; c += 4) {
            double h0 = z[offset + c];
            double h1 = z[offset + c + 1];
            double h2 = z[offset + c + 2];
            double h3 = z[offset + c + 3];
            double[] d0 = d[c];
            double[] d1 = d[c + 1];
            double[] d2 = d[c + 2];
            double[] d3 = d[c + 3];
            for (int j = 0; j < atoms; j++) {
                a0[j] += h0 * d0[j] + h1 * d1[j] + h2 * d2[j] + h3 * d3[j];
            }
        }
        for (; c < latentDim; c++) {
            double h = z[offset + c];
            double[] row = d[c];
            for (int j = 0; j < atoms; j++) {
                a0[j] += h * row[j];
            }
        }
    }

    /** Per-thread scratch space. */
    private static final class Workspace {
        final double[] a0;
        final double[] a;
        final double[] lower;
        final double[] w;
        final double[] gamma;
        final double[] y;
        final int[] chosen;

        Workspace(int atoms, int sparsity) {
            a0 = new double[atoms];
            a = new double[atoms];
            lower = new double[sparsity * sparsity];
            w = new double[sparsity];
            gamma = new double[sparsity];
            y = new double[sparsity];
            chosen = new int[sparsity];
        }
    }

    /** One vector's pursuit from its correlations ws.a0; writes S0 slots at {@code out}. */
    private void codeOne(Workspace ws, int sparsity, int[] support, double[] coefficients, int out) {
        double[] a0 = ws.a0;
        double[] lower = ws.lower;
        int[] chosen = ws.chosen;
        int size = 0;
        for (int round = 0; round < sparsity; round++) {
            int best = nextAtom(ws, size);
            if (best < 0) {
                break; // the residual is orthogonal to every atom
            }
            if (size > 0) {
                // w = L^{-1} G[I, best]; the new row of L is (w, sqrt(G_jj - w.w))
                double ww = 0;
                for (int i = 0; i < size; i++) {
                    double s = gram[chosen[i]][best];
                    for (int m = 0; m < i; m++) {
                        s -= lower[i * sparsity + m] * ws.w[m];
                    }
                    ws.w[i] = s / lower[i * sparsity + i];
                    ww += ws.w[i] * ws.w[i];
                }
                double d = gram[best][best] - ww;
                if (d <= 1e-10) {
                    break; // the atom is (numerically) in the span of the support
                }
                for (int i = 0; i < size; i++) {
                    lower[size * sparsity + i] = ws.w[i];
                }
                lower[size * sparsity + size] = Math.sqrt(d);
            } else {
                if (gram[best][best] <= 1e-10) {
                    break; // a zero atom cannot be used
                }
                lower[0] = Math.sqrt(gram[best][best]);
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

    /**
     * argmax_j |a_j| over the atoms outside the support, a = a0 - G[:, I] gamma (computed on the fly
     * for supports of one or two atoms); -1 when no |a_j| exceeds TINY.
     */
    private int nextAtom(Workspace ws, int size) {
        int k = atoms;
        double[] a0 = ws.a0;
        int[] chosen = ws.chosen;
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
            double[] column0 = gram[chosen[0]];
            double g0 = ws.gamma[0];
            for (int j = 0; j < k; j++) {
                double v = Math.abs(a0[j] - g0 * column0[j]);
                if (v > bestValue && j != chosen[0]) {
                    bestValue = v;
                    best = j;
                }
            }
        } else if (size == 2) {
            double[] column0 = gram[chosen[0]];
            double[] column1 = gram[chosen[1]];
            double g0 = ws.gamma[0];
            double g1 = ws.gamma[1];
            for (int j = 0; j < k; j++) {
                double v = Math.abs(a0[j] - g0 * column0[j] - g1 * column1[j]);
                if (v > bestValue && j != chosen[0] && j != chosen[1]) {
                    bestValue = v;
                    best = j;
                }
            }
        } else {
            // larger supports: a in vectorised passes, one column of G each, then the argmax
            double[] a = ws.a;
            System.arraycopy(a0, 0, a, 0, k);
            for (int i = 0; i < size; i++) {
                double g = ws.gamma[i];
                double[] column = gram[chosen[i]];
                for (int j = 0; j < k; j++) {
                    a[j] -= g * column[j];
                }
            }
            for (int i = 0; i < size; i++) {
                a[chosen[i]] = 0; // never above TINY: the support is excluded
            }
            for (int j = 0; j < k; j++) {
                double v = Math.abs(a[j]);
                if (v > bestValue) {
                    bestValue = v;
                    best = j;
                }
            }
        }
        return best;
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

    /**
     * Sparse codes of n vectors, {@code sparsity} slots each.
     *
     * @param sparsity     slots per vector (S0)
     * @param support      atom per slot, -1 when unused
     * @param coefficients coefficient per slot, 0 when unused
     */
    public record Codes(int sparsity, int[] support, double[] coefficients) {
        int size() {
            return support.length / sparsity;
        }
    }
}
