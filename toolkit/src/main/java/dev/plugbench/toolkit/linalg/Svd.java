package dev.plugbench.toolkit.linalg;

import org.bytedeco.openblas.global.openblas;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Thin singular value decomposition A = U diag(s) V^T of an m x n matrix by LAPACK's dgesdd, with
 * k = min(m, n): U is m x k, s has k values in descending order, V^T is k x n.
 *
 * @param u  left singular vectors (m x k), or null when only values were asked for
 * @param s  singular values, descending
 * @param vt right singular vectors as rows (k x n), or null
 */
public record Svd(INDArray u, double[] s, INDArray vt) {
    /** The full thin decomposition. */
    public static Svd of(INDArray a) {
        return compute(a, true);
    }

    /** Singular values only, descending. */
    public static double[] valuesOf(INDArray a) {
        return compute(a, false).s;
    }

    private static Svd compute(INDArray a, boolean vectors) {
        double[] m = Lapack.rowMajor(a, "singular value decomposition");
        int rows = (int) a.rows();
        int cols = (int) a.columns();
        int k = Math.min(rows, cols);
        double[] s = new double[k];
        if (k == 0) {
            return new Svd(null, s, null);
        }
        if (!vectors) {
            Lapack.check(openblas.LAPACKE_dgesdd(Lapack.ROW_MAJOR, (byte) 'N', rows, cols, m, cols, s, new double[1], 1, new double[cols], cols), "dgesdd");
            return new Svd(null, s, null);
        }
        double[] u = new double[rows * k];
        double[] vt = new double[k * cols];
        Lapack.check(openblas.LAPACKE_dgesdd(Lapack.ROW_MAJOR, (byte) 'S', rows, cols, m, cols, s, u, k, vt, cols), "dgesdd");
        return new Svd(Nd4j.create(u, new long[] {rows, k}, 'c'), s, Nd4j.create(vt, new long[] {k, cols}, 'c'));
    }
}
