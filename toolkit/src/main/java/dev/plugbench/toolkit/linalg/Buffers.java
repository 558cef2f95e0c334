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

    /** The entries of {@code array} in row-major order as float64, in a new Java array (one bulk copy). */
    public static double[] rowMajor(INDArray array) {
        INDArray z = array.dataType() == DataType.DOUBLE ? array : array.castTo(DataType.DOUBLE);
        if (!ownsPlainDoubles(z)) {
            z = z.dup('c');
        }
        double[] out = new double[Math.toIntExact(z.length())];
        if (ownsPlainDoubles(z)) {
            z.data().asNioDouble().get(out); // a memory copy; DataBuffer.asDouble() reads element by element
        } else {
            System.arraycopy(z.data().asDouble(), 0, out, 0, out.length);
        }
        return out;
    }

    /**
     * Overwrites a float64 array that owns its row-major buffer (not a view; see
     * {@link #ownsPlainDoubles}) with {@code values}, in one memory copy.
     */
    public static void copyInto(double[] values, INDArray target) {
        if (!ownsPlainDoubles(target)) {
            throw new IllegalArgumentException("copyInto writes only a float64 array that owns its row-major buffer; got a "
                    + target.dataType() + " array of order " + target.ordering() + (target.isView() ? " (a view)" : "") + ": write a dup('c') instead");
        }
        if (values.length != target.length()) {
            throw new IllegalArgumentException(values.length + " values cannot fill an array of " + target.length());
        }
        target.data().asNioDouble().put(values);
    }

    /** Whether {@code a} is float64, row-major, and the whole of its own buffer from its start (so its buffer is its entries in order). */
    public static boolean ownsPlainDoubles(INDArray a) {
        return a.dataType() == DataType.DOUBLE && !a.isView() && a.ordering() == 'c' && a.offset() == 0 && a.data().offset() == 0
                && a.data().length() == a.length();
    }

    /** A rows x columns float64 matrix over row-major {@code values} (copied once). */
    public static INDArray matrix(double[] values, int rows, int columns) {
        if ((long) rows * columns != values.length) {
            throw new IllegalArgumentException(values.length + " values cannot fill a " + rows + " x " + columns + " matrix");
        }
        INDArray m = Nd4j.createUninitialized(DataType.DOUBLE, rows, columns);
        copyInto(values, m);
        return m;
    }
}
