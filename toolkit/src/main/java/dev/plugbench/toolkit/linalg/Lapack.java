package dev.plugbench.toolkit.linalg;

import java.util.Arrays;
import org.bytedeco.openblas.global.openblas;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Shared checks and conversions for the LAPACK calls. */
final class Lapack {
    static final int ROW_MAJOR = openblas.LAPACK_ROW_MAJOR;
    static final int COL_MAJOR = openblas.LAPACK_COL_MAJOR;

    private Lapack() {
    }

    /** A row-major copy of a finite matrix. */
    static double[] rowMajor(INDArray a, String what) {
        if (a.rank() != 2) {
            throw new IllegalArgumentException(what + " needs a matrix; got shape " + Arrays.toString(a.shape()));
        }
        double[] data = Buffers.rowMajor(a);
        for (double v : data) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(what + ": the matrix holds " + v + "; every entry must be finite");
            }
        }
        return data;
    }

    static void requireSquare(INDArray a, String what) {
        if (a.rank() != 2 || a.rows() != a.columns()) {
            throw new IllegalArgumentException(what + " needs a square matrix; got shape " + Arrays.toString(a.shape()));
        }
    }

    static void check(int info, String routine) {
        if (info < 0) {
            throw new IllegalArgumentException(routine + ": argument " + (-info) + " is invalid");
        }
        if (info > 0) {
            throw new ArithmeticException(routine + " did not converge (info = " + info + ")");
        }
    }
}
