package dev.plugbench.tasks.latent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.plugbench.api.latent.Quantization;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class CodeRateTest {
    private static Quantization quantization(int[][] codes, double[][] coefficients) {
        INDArray latents = Nd4j.zeros(codes.length, 4);
        return new Quantization(latents, latents.dup(), codes, Nd4j.createFromArray(coefficients), 0);
    }

    @Test
    void aVqCodeCostsOneIndex() {
        Quantization q = quantization(new int[][] {{3}, {60}}, new double[][] {{1}, {1}});
        assertThat(CodeRate.bitsPerVector(q, 64)).isCloseTo(6, within(1e-12));
    }

    @Test
    void aResidualCodeCostsItsIndicesOnly() {
        Quantization q = quantization(new int[][] {{3, 4, 5}, {1, 2, 3}}, new double[][] {{1, 1, 1}, {1, 1, 1}});
        assertThat(CodeRate.bitsPerVector(q, 256)).isCloseTo(24, within(1e-12));
    }

    @Test
    void aSparseCodeCostsItsIndicesAndCoefficientsAndUnusedSlotsNothing() {
        Quantization q = quantization(new int[][] {{3, 9, 1}, {7, -1, -1}}, new double[][] {{0.5, -1.25, 2}, {1, 0, 0}});
        double perAtom = 6 + CodeRate.COEFFICIENT_BITS;
        assertThat(CodeRate.bitsPerVector(q, 64)).isCloseTo((3 + 1) * perAtom / 2, within(1e-12));
    }
}
