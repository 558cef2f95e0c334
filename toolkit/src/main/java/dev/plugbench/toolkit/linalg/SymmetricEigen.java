package dev.plugbench.toolkit.linalg;

import java.nio.DoubleBuffer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas;
import org.nd4j.linalg.api.buffer.DataType;
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
    private static final int TILE = 64;

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
        if (n == 0) {
            return new SymmetricEigen(new double[0], withVectors ? Nd4j.create(DataType.DOUBLE, 0, 0) : null);
        }
        // LAPACK works in place on an off-heap copy (no Java array, no JNI copies in and out), made and transposed back
        // without ND4J ops: after one, ND4J's OpenMP threads spin for a while and, with more than one numeric thread, take
        // the cores from OpenBLAS's (n = 500 on 2 threads: 35 ms with ND4J's copies, 24 ms without; dsyevd alone 20 ms)
        INDArray work = Nd4j.createUninitialized(DataType.DOUBLE, n, n);
        if (Buffers.ownsPlainDoubles(a)) {
            Pointer.memcpy(work.data().addressPointer(), a.data().addressPointer(), (long) n * n * Double.BYTES);
        } else {
            work.assign(a.dataType() == DataType.DOUBLE ? a : a.castTo(DataType.DOUBLE));
        }
        requireFiniteSymmetric(work.data().asNioDouble(), n);
        double[] w = new double[n];
        // The row-major matrix read as column-major is its transpose; its lower triangle there is the upper one here, the
        // numbers LAPACKE's row-major path would read. Calling the column-major routine on it spares LAPACKE's two
        // transposing copies (about 10% of the time at n = 1000 to 2000), and the eigenvectors come back in its columns.
        try (DoublePointer values = new DoublePointer(n)) {
            Lapack.check(openblas.LAPACKE_dsyevd(Lapack.COL_MAJOR, (byte) (withVectors ? 'V' : 'N'), (byte) 'L', n,
                    new DoublePointer(work.data().addressPointer()), n, values), "dsyevd");
            values.get(w);
        }
        if (!withVectors) {
            return new SymmetricEigen(w, null);
        }
        // the buffer now holds the eigenvectors column-major: as a row-major array it is V^T
        INDArray vectors = Nd4j.createUninitialized(DataType.DOUBLE, n, n);
        transpose(work.data().asNioDouble(), vectors.data().asNioDouble(), n);
        return new SymmetricEigen(w, vectors);
    }

    /** to = from^T for n x n row-major buffers, in tiles (both sides' reads and writes stay in cache). */
    private static void transpose(DoubleBuffer from, DoubleBuffer to, int n) {
        for (int i0 = 0; i0 < n; i0 += TILE) {
            for (int j0 = 0; j0 < n; j0 += TILE) {
                for (int i = i0; i < Math.min(i0 + TILE, n); i++) {
                    for (int j = j0; j < Math.min(j0 + TILE, n); j++) {
                        to.put(j * n + i, from.get(i * n + j));
                    }
                }
            }
        }
    }

    /** Refuses a matrix with a non-finite entry or asymmetric beyond rounding; reads it in tiles (the transposed reads stay in cache). */
    private static void requireFiniteSymmetric(DoubleBuffer m, int n) {
        double scale = 0;
        double asym = 0;
        for (int i0 = 0; i0 < n; i0 += TILE) {
            for (int j0 = i0; j0 < n; j0 += TILE) {
                for (int i = i0; i < Math.min(i0 + TILE, n); i++) {
                    for (int j = Math.max(j0, i); j < Math.min(j0 + TILE, n); j++) {
                        double upper = m.get(i * n + j);
                        double lower = m.get(j * n + i);
                        if (!Double.isFinite(upper) || !Double.isFinite(lower)) {
                            throw new IllegalArgumentException("symmetric eigendecomposition: the matrix holds " + (Double.isFinite(upper) ? lower : upper)
                                    + " at (" + i + ", " + j + "); every entry must be finite");
                        }
                        asym = Math.max(asym, Math.abs(upper - lower));
                        scale = Math.max(scale, Math.max(Math.abs(upper), Math.abs(lower)));
                    }
                }
            }
        }
        if (asym > SYMMETRY_TOLERANCE * Math.max(1, scale)) {
            throw new IllegalArgumentException("the matrix is not symmetric: |A_ij - A_ji| reaches " + asym
                    + "; symmetrise it ((A + A^T) / 2) if the asymmetry is rounding");
        }
    }
}
