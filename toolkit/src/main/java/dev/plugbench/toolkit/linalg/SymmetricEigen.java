package dev.plugbench.toolkit.linalg;

import org.bytedeco.openblas.global.openblas;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Eigendecomposition of a real symmetric matrix, A = V diag(w) V^T, by LAPACK's divide-and-conquer
 * dsyevd (the routine numpy's {@code eigh} uses). Eigenvalues are in ascending order.
 *
 * @param values  the eigenvalues, ascending
 * @param vectors the n x n matrix whose column i is the unit eigenvector of values[i] (null when only
 *                the values were asked for)
 */
public record SymmetricEigen(double[] values, INDArray vectors) {
    /** Relative asymmetry above which a matrix is refused. */
    static final double SYMMETRY_TOLERANCE = 1e-8;

    /** Eigenvalues and eigenvectors. */
    public static SymmetricEigen of(INDArray a) {
        return compute(a, true);
    }

    /** Eigenvalues only (faster), ascending. */
    public static double[] valuesOf(INDArray a) {
        return compute(a, false).values;
    }

    private static SymmetricEigen compute(INDArray a, boolean withVectors) {
        Lapack.requireSquare(a, "symmetric eigendecomposition");
        int n = (int) a.rows();
        double[] m = Lapack.rowMajor(a, "symmetric eigendecomposition");
        double scale = 0;
        double asym = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                asym = Math.max(asym, Math.abs(m[i * n + j] - m[j * n + i]));
            }
            for (int j = 0; j < n; j++) {
                scale = Math.max(scale, Math.abs(m[i * n + j]));
            }
        }
        if (asym > SYMMETRY_TOLERANCE * Math.max(1, scale)) {
            throw new IllegalArgumentException("the matrix is not symmetric: |A_ij - A_ji| reaches " + asym
                    + "; symmetrise it ((A + A^T) / 2) if the asymmetry is rounding");
        }
        double[] w = new double[n];
        if (n > 0) {
            // The row-major matrix read as column-major is its transpose; its lower triangle there is the upper one here, the
            // numbers LAPACKE's row-major path would read. Calling the column-major routine on it spares LAPACKE's two
            // transposing copies (about 10% of the time at n = 1000 to 2000), and the eigenvectors come back in its columns.
            Lapack.check(openblas.LAPACKE_dsyevd(Lapack.COL_MAJOR, (byte) (withVectors ? 'V' : 'N'), (byte) 'L', n, m, n, w), "dsyevd");
        }
        return new SymmetricEigen(w, withVectors ? Nd4j.create(m, new long[] {n, n}, 'f').dup('c') : null);
    }
}
