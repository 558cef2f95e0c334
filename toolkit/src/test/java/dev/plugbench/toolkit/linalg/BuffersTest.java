package dev.plugbench.toolkit.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class BuffersTest {
    private static double[] flat(INDArray a) {
        return Arrays.stream(a.castTo(DataType.DOUBLE).toDoubleMatrix()).flatMapToDouble(Arrays::stream).toArray();
    }

    @Test
    void rowMajorEqualsTheElementwiseReadForEveryLayout() {
        INDArray c = Nd4j.createFromArray(java.util.stream.IntStream.rangeClosed(1, 24).asDoubleStream().toArray()).reshape('c', 4, 6);
        INDArray f = c.dup('f');
        INDArray view = c.get(NDArrayIndex.interval(1, 3), NDArrayIndex.interval(2, 5));
        INDArray floats = c.castTo(DataType.FLOAT);
        INDArray transposed = c.transpose();
        for (INDArray a : new INDArray[] {c, f, view, floats, transposed}) {
            assertThat(Buffers.rowMajor(a)).containsExactly(flat(a));
        }
        assertThat(Buffers.rowMajor(view)).containsExactly(9, 10, 11, 15, 16, 17);
    }

    @Test
    void rowMajorReadsArraysInAWorkspaceAndSlicesOfOne() {
        org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration conf = org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration.builder().initialSize(1 << 20).build();
        try (org.nd4j.linalg.api.memory.MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(conf, "buffers-test")) {
            INDArray first = Nd4j.rand(DataType.DOUBLE, 3, 5);
            INDArray second = Nd4j.rand(DataType.DOUBLE, 4, 2); // not at the start of the workspace
            for (INDArray a : new INDArray[] {first, second, second.getRow(1, true), first.transpose()}) {
                assertThat(Buffers.rowMajor(a)).containsExactly(flat(a));
            }
        }
    }

    @Test
    void copyIntoOverwritesAnOwnedArrayAndRefusesViews() {
        INDArray m = Nd4j.zeros(DataType.DOUBLE, 2, 3);
        Buffers.copyInto(new double[] {1, 2, 3, 4, 5, 6}, m);
        assertThat(m.getDouble(1, 2)).isEqualTo(6);
        assertThat(Buffers.ownsPlainDoubles(m)).isTrue();
        INDArray row = m.getRow(1);
        assertThatThrownBy(() -> Buffers.copyInto(new double[] {0, 0, 0}, row)).hasMessageContaining("a view").hasMessageContaining("dup('c')");
        assertThatThrownBy(() -> Buffers.copyInto(new double[] {1}, m)).hasMessageContaining("1 values cannot fill an array of 6");
        assertThatThrownBy(() -> Buffers.copyInto(new double[6], m.castTo(DataType.FLOAT))).hasMessageContaining("FLOAT");
    }

    @Test
    void matrixRoundTripsAndRefusesTheWrongLength() {
        double[] v = {1, 2, 3, 4, 5, 6};
        INDArray m = Buffers.matrix(v, 2, 3);
        assertThat(m.getDouble(1, 0)).isEqualTo(4);
        assertThat(Buffers.rowMajor(m)).containsExactly(v);
        assertThatThrownBy(() -> Buffers.matrix(v, 4, 2)).hasMessageContaining("6 values cannot fill a 4 x 2 matrix");
    }
}
