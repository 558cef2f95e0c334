package dev.plugbench.plugins.lwa;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A float32 matrix kept on the Java heap for gathering mini-batches: one array copy per batch,
 * where {@code INDArray.getRows} costs tens of microseconds per row.
 */
final class Rows {
    private final float[] data;
    private final int columns;

    Rows(INDArray x) {
        this.columns = (int) x.columns();
        this.data = x.castTo(DataType.FLOAT).dup('c').data().asFloat();
    }

    INDArray gather(int[] rows) {
        float[] out = new float[rows.length * columns];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(data, rows[i] * columns, out, i * columns, columns);
        }
        return Nd4j.create(out, new long[] {rows.length, columns}, 'c');
    }
}
