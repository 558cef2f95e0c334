package dev.plugbench.toolkit.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugbench.toolkit.data.Gaussian;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The layer-wise kernels against the materialised Jacobian products (float64, 1e-9). */
class TangentKernelsTest {
    private final Network net = Network.builder(5, DataType.DOUBLE, 3).dense(8, Parameterization.NTK).activation(Activation.RELU)
            .dense(6, Parameterization.NTK).activation(Activation.TANH).dense(3, Parameterization.NTK).build();
    private final INDArray left = Nd4j.createFromArray(Gaussian.next(new SplittableRandom(1), 7 * 5)).reshape(7, 5);
    private final INDArray right = Nd4j.createFromArray(Gaussian.next(new SplittableRandom(2), 4 * 5)).reshape(4, 5);

    private static double maxDiff(INDArray a, INDArray b) {
        return a.sub(b).amaxNumber().doubleValue();
    }

    @Test
    void traceNtkIsTheSumOverOutputsOfJacobianProducts() {
        INDArray expected = Nd4j.zeros(DataType.DOUBLE, 7, 4);
        for (int c = 0; c < 3; c++) {
            expected.addi(net.perExampleGradients(left, c).mmul(net.perExampleGradients(right, c).transpose()));
        }
        assertThat(maxDiff(TangentKernels.trace(net, left, right, true), expected)).isLessThan(1e-9);
    }

    @Test
    void withScaledBiasesTheTraceNtkIsStillTheJacobianProduct() {
        Network scaled = Network.builder(5, DataType.DOUBLE, 4).dense(8, Parameterization.NTK_SCALED_BIAS).activation(Activation.RELU)
                .dense(3, Parameterization.NTK_SCALED_BIAS).build();
        INDArray expected = Nd4j.zeros(DataType.DOUBLE, 7, 4);
        for (int c = 0; c < 3; c++) {
            expected.addi(scaled.perExampleGradients(left, c).mmul(scaled.perExampleGradients(right, c).transpose()));
        }
        assertThat(maxDiff(TangentKernels.trace(scaled, left, right, true), expected)).isLessThan(1e-9);
        INDArray diagonal = Nd4j.diag(TangentKernels.trace(scaled, left, left, true)).reshape(7, 1);
        assertThat(maxDiff(TangentKernels.traceDiagonal(scaled, left, true), diagonal)).isLessThan(1e-9);
    }

    @Test
    void pseudoNtkIsTheKernelOfTheSummedOutputOverC() {
        INDArray ones = Nd4j.ones(DataType.DOUBLE, 7, 3);
        INDArray onesR = Nd4j.ones(DataType.DOUBLE, 4, 3);
        INDArray expected = net.perExampleGradients(left, ones).mmul(net.perExampleGradients(right, onesR).transpose()).divi(3);
        assertThat(maxDiff(TangentKernels.pseudo(net, left, right, true), expected)).isLessThan(1e-9);
    }

    @Test
    void withoutBiasesOnlyTheWeightColumnsCount() {
        INDArray jl = net.perExampleGradients(left, 1);
        INDArray jr = net.perExampleGradients(right, 1);
        // zero the bias columns: each dense layer's parameters are W (in*out) then b (out)
        long offset = 0;
        for (Parameter p : net.parameters()) {
            if (p.name().endsWith(".b")) {
                jl.get(NDArrayIndex.all(), NDArrayIndex.interval(offset, offset + p.size())).assign(0);
                jr.get(NDArrayIndex.all(), NDArrayIndex.interval(offset, offset + p.size())).assign(0);
            }
            offset += p.size();
        }
        assertThat(maxDiff(TangentKernels.ofOutput(net, left, right, 1, false), jl.mmul(jr.transpose()))).isLessThan(1e-9);
    }

    @Test
    void diagonalsEqualTheFullKernelsDiagonal() {
        INDArray full = TangentKernels.trace(net, left, left, true);
        INDArray pseudo = TangentKernels.pseudo(net, left, left, false);
        for (int i = 0; i < 7; i++) {
            assertThat(TangentKernels.traceDiagonal(net, left, true).getDouble(i, 0)).isCloseTo(full.getDouble(i, i), org.assertj.core.api.Assertions.within(1e-9));
            assertThat(TangentKernels.pseudoDiagonal(net, left, false).getDouble(i, 0)).isCloseTo(pseudo.getDouble(i, i), org.assertj.core.api.Assertions.within(1e-9));
        }
    }

    @Test
    void convolutionalNetworksAreRefusedWithTheAlternative() {
        Network conv = Network.builder(16, DataType.DOUBLE, 1).image(1, 4, 4).conv(2, 3, 1, 1, Parameterization.NTK).dense(2, Parameterization.NTK).build();
        assertThatThrownBy(() -> TangentKernels.trace(conv, Nd4j.zeros(2, 16), Nd4j.zeros(2, 16), true))
                .hasMessageContaining("dense networks only").hasMessageContaining("perExampleGradients");
    }
}
