package dev.plugbench.toolkit.linalg;

import org.bytedeco.openblas.global.openblas;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Cholesky factorisation A = L L^T of a symmetric positive-definite matrix (dpotrf), and the
 * triangular solves that use it (dtrtrs).
 *
 * @param lower the lower-triangular factor L (n x n, zeros above the diagonal)
 */
public record Cholesky(INDArray lower) {
    /**
     * Factors {@code a} (only its lower triangle is read).
     *
     * @throws ArithmeticException naming the leading minor that is not positive
     */
    public static Cholesky of(INDArray a) {
        Lapack.requireSquare(a, "Cholesky factorisation");
        int n = (int) a.rows();
        double[] m = Lapack.rowMajor(a, "Cholesky factorisation");
        int info = openblas.LAPACKE_dpotrf(Lapack.ROW_MAJOR, (byte) 'L', n, m, n);
        if (info > 0) {
            throw new ArithmeticException("the matrix is not positive definite: its leading minor of order " + info
                    + " is not positive (add a small ridge to the diagonal, or check the matrix)");
        }
        Lapack.check(info, "dpotrf");
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                m[i * n + j] = 0;
            }
        }
        return new Cholesky(Nd4j.create(m, new long[] {n, n}, 'c'));
    }

    /** Solves A X = B (B is n x k, or a vector of length n treated as n x 1). */
    public INDArray solve(INDArray b) {
        return solveUpperTransposed(solveLower(lower, b));
    }

    private INDArray solveUpperTransposed(INDArray y) {
        return triangular(lower, y, 'L', 'T');
    }

    /** Solves L X = B for a lower-triangular L. */
    public static INDArray solveLower(INDArray l, INDArray b) {
        return triangular(l, b, 'L', 'N');
    }

    /** Solves U X = B for an upper-triangular U. */
    public static INDArray solveUpper(INDArray u, INDArray b) {
        return triangular(u, b, 'U', 'N');
    }

    private static INDArray triangular(INDArray t, INDArray b, char uplo, char trans) {
        Lapack.requireSquare(t, "triangular solve");
        int n = (int) t.rows();
        INDArray rhs = b.rank() == 1 ? b.reshape(b.length(), 1) : b;
        if (rhs.rows() != n) {
            throw new IllegalArgumentException("triangular solve: the matrix is " + n + " x " + n + " but the right-hand side has "
                    + rhs.rows() + " rows");
        }
        int k = (int) rhs.columns();
        double[] tm = Lapack.rowMajor(t, "triangular solve");
        double[] x = Lapack.rowMajor(rhs, "triangular solve");
        int info = openblas.LAPACKE_dtrtrs(Lapack.ROW_MAJOR, (byte) uplo, (byte) trans, (byte) 'N', n, k, tm, n, x, k);
        if (info > 0) {
            throw new ArithmeticException("triangular solve: diagonal entry " + info + " is zero, the matrix is singular");
        }
        Lapack.check(info, "dtrtrs");
        return Nd4j.create(x, new long[] {n, k}, 'c');
    }
}
