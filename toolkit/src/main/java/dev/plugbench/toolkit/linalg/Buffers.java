package dev.plugbench.toolkit.linalg;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Fast conversions between ND4J arrays and plain Java arrays, for loops that ND4J ops do not cover.
 * {@code INDArray.toDoubleMatrix()} and {@code getDouble(i, j)} go through ND4J's indexing one
 * element or row at a time (hundreds of times slower than a bulk copy in a hot loop); these copy the
 * buffer once.
 */
public final class Buffers {
    private Buffers() {
    }

    /** The entries of {@code array} in row-major order as float64, in a new Java array (one bulk copy; a copy-free read for c-order doubles). */
    public static double[] rowMajor(INDArray array) {
        INDArray z = array.dataType() == DataType.DOUBLE ? array : array.castTo(DataType.DOUBLE);
        if (z.isView() || z.ordering() != 'c' || z.data().length() != z.length()) {
            z = z.dup('c');
        }
        return z.data().asDouble();
    }

    /** A rows x columns float64 matrix over row-major {@code values} (copied once). */
    public static INDArray matrix(double[] values, int rows, int columns) {
        if ((long) rows * columns != values.length) {
            throw new IllegalArgumentException(values.length + " values cannot fill a " + rows + " x " + columns + " matrix");
        }
        return Nd4j.create(values, new long[] {rows, columns}, 'c');
    }
}
