package dev.plugbench.toolkit.linalg;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The empirical spectral distribution of a weight matrix: for a p x q matrix W with p <= q, the
 * eigenvalues of W W^T / q (ascending), whose Marchenko-Pastur ratio is p / q; for p > q, those of
 * W^T W / p. With i.i.d. entries of variance s^2 this converges to MP(ratio, s^2).
 */
public final class GramSpectrum {
    private GramSpectrum() {
    }

    /** Eigenvalues of the smaller Gram matrix of {@code w} divided by the larger side, ascending. */
    public static double[] of(INDArray w) {
        if (w.rank() != 2) {
            throw new IllegalArgumentException("a weight spectrum needs a matrix; got rank " + w.rank());
        }
        long p = w.rows();
        long q = w.columns();
        INDArray gram = p <= q ? MatMul.of(w, false, w, true, 1.0 / q) : MatMul.of(w, true, w, false, 1.0 / p);
        return SymmetricEigen.valuesOf(gram.add(gram.transpose()).muli(0.5));
    }

    /** The Marchenko-Pastur ratio of {@link #of}: the smaller side over the larger. */
    public static double ratio(INDArray w) {
        return (double) Math.min(w.rows(), w.columns()) / Math.max(w.rows(), w.columns());
    }
}
