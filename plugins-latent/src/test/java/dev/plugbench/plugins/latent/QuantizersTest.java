package dev.plugbench.plugins.latent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.plugbench.api.latent.LatentQuantizer;
import dev.plugbench.api.latent.Quantization;
import dev.plugbench.api.latent.Quantizer;
import dev.plugbench.api.latent.QuantizerShape;
import dev.plugbench.toolkit.data.Gaussian;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class QuantizersTest {
    private static final QuantizerShape SHAPE = new QuantizerShape(4, 16);

    static Stream<LatentQuantizer> methods() {
        return Stream.of(new VqMethod(), new VqEmaMethod(), new DictionaryMethod(), new RvqMethod());
    }

    static INDArray gaussian(long seed, int n, int c, DataType type) {
        return Nd4j.createFromArray(Gaussian.next(new SplittableRandom(seed), n * c)).reshape(n, c).castTo(type);
    }

    @Test
    void vqAssignmentMatchesBruteForce() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray z = gaussian(1, 3000, 16, type);
            INDArray e = gaussian(2, 512, 16, type);
            int[] codes = NearestCodeword.assign(z, e);
            double[][] zz = z.castTo(DataType.DOUBLE).toDoubleMatrix();
            double[][] ee = e.castTo(DataType.DOUBLE).toDoubleMatrix();
            int compared = 0;
            for (int i = 0; i < zz.length; i++) {
                double best = Double.POSITIVE_INFINITY;
                double second = Double.POSITIVE_INFINITY;
                int arg = -1;
                for (int k = 0; k < ee.length; k++) {
                    double d = 0;
                    for (int m = 0; m < 16; m++) {
                        d += (zz[i][m] - ee[k][m]) * (zz[i][m] - ee[k][m]);
                    }
                    if (d < best) {
                        second = best;
                        best = d;
                        arg = k;
                    } else if (d < second) {
                        second = d;
                    }
                }
                if (second - best > 1e-3) { // float32 products cannot order near-ties
                    assertThat(codes[i]).as("row %d (%s)", i, type).isEqualTo(arg);
                    compared++;
                }
            }
            assertThat(compared).isGreaterThan(2900);
        }
    }

    @ParameterizedTest
    @MethodSource("methods")
    void shapesAndTheStraightThroughGradient(LatentQuantizer method) {
        Quantizer q = method.create(SHAPE, method.info().defaults(), 3);
        INDArray z = gaussian(4, 50, 4, DataType.FLOAT);
        Quantization out = q.quantize(z);
        assertThat(out.reconstruction().shape()).containsExactly(50, 4);
        assertThat(out.reconstruction().dataType()).isEqualTo(DataType.FLOAT);
        assertThat(out.codes()).hasNumberOfRows(50);
        assertThat(out.coefficients().rows()).isEqualTo(50);
        INDArray upstream = gaussian(5, 50, 4, DataType.FLOAT);
        INDArray g = q.encoderGradient(out, upstream);
        assertThat(g.shape()).containsExactly(50, 4);
        // straight-through plus commitment: g = upstream + 2 beta (z - z_q) / (n C)
        INDArray expected = upstream.add(z.sub(out.reconstruction()).mul(2 * 0.25 / 200));
        assertThat(g.sub(expected).norm2Number().doubleValue()).isLessThan(1e-5);
        for (int[] row : out.codes()) {
            for (int c : row) {
                assertThat(c).isBetween(-1, 15);
            }
        }
        q.update(out);
        assertThat(java.util.Arrays.stream(q.usageCounts()).sum()).isGreaterThan(0);
    }

    @ParameterizedTest
    @MethodSource("methods")
    void learningReducesTheQuantizationError(LatentQuantizer method) {
        Quantizer q = method.create(SHAPE, method.info().defaults(), 3);
        INDArray z = gaussian(6, 512, 4, DataType.DOUBLE);
        double before = Latents.meanSquaredResidual(z, q.quantize(z).reconstruction());
        for (int step = 0; step < 300; step++) {
            q.update(q.quantize(z));
        }
        double after = Latents.meanSquaredResidual(z, q.quantize(z).reconstruction());
        assertThat(after).as("%s: %s -> %s", method.info().id(), before, after).isLessThan(0.8 * before);
    }

    @Test
    void vqEmaStartsFromKMeansAndRestartsDeadCodes() {
        VqEmaQuantizer q = (VqEmaQuantizer) new VqEmaMethod().create(SHAPE, new VqEmaMethod().info().defaults(), 1);
        INDArray z = gaussian(7, 256, 4, DataType.DOUBLE);
        q.update(q.quantize(z));
        // after the k-means start every code is in use on this batch
        long used = java.util.Arrays.stream(q.quantize(z).codes()).mapToInt(r -> r[0]).distinct().count();
        assertThat(used).isGreaterThanOrEqualTo(15);
        // the batch moves far away: codes nobody picks any more get restarted at batch latents
        INDArray moved = z.add(50);
        for (int i = 0; i < 400; i++) {
            q.update(q.quantize(moved));
        }
        assertThat(q.restarts()).isGreaterThan(0);
        assertThat(Latents.meanSquaredResidual(moved, q.quantize(moved).reconstruction())).isLessThan(5);
    }

    @Test
    void aDeadDictionaryAtomIsRestartedNeverDividedByZero() {
        DictionaryQuantizer q = (DictionaryQuantizer) new DictionaryMethod().create(SHAPE, new DictionaryMethod().info().defaults(), 1);
        q.setAtom(5, new double[4]);
        INDArray z = gaussian(8, 64, 4, DataType.DOUBLE);
        Quantization out = q.quantize(z);
        assertThat(out.reconstruction().isNaN().any()).isFalse();
        q.update(out);
        assertThat(q.restarts()).isEqualTo(1);
        INDArray d = q.dictionary();
        for (int j = 0; j < 16; j++) {
            assertThat(d.getColumn(j).norm2Number().doubleValue()).isCloseTo(1.0, within(1e-12));
        }
        assertThat(q.quantize(z).reconstruction().isNaN().any()).isFalse();
    }

    @Test
    void theOnlineDictionaryUpdateKeepsUnitAtomsAndLearns() {
        DictionaryMethod m = new DictionaryMethod();
        DictionaryQuantizer q = (DictionaryQuantizer) m.create(SHAPE, m.info().bind(Map.of("update", "online", "sparsity", 2)), 2);
        INDArray z = gaussian(9, 400, 4, DataType.DOUBLE);
        double before = Latents.meanSquaredResidual(z, q.quantize(z).reconstruction());
        for (int i = 0; i < 50; i++) {
            q.update(q.quantize(z));
        }
        double after = Latents.meanSquaredResidual(z, q.quantize(z).reconstruction());
        assertThat(after).isLessThan(before);
        for (int j = 0; j < 16; j++) {
            assertThat(q.dictionary().getColumn(j).norm2Number().doubleValue()).isCloseTo(1.0, within(1e-12));
        }
    }

    @Test
    void badInputGetsClearErrors() {
        DictionaryMethod m = new DictionaryMethod();
        assertThatThrownBy(() -> m.create(new QuantizerShape(4, 16), m.info().bind(Map.of("sparsity", 5)), 0))
                .hasMessageContaining("S0 = 5 exceeds the latent width C = 4");
        assertThatThrownBy(() -> m.create(new QuantizerShape(8, 4), m.info().bind(Map.of("sparsity", 6)), 0))
                .hasMessageContaining("S0 = 6 exceeds the number of atoms K = 4");
        assertThatThrownBy(() -> new QuantizerShape(4, 0)).hasMessageContaining("K = 0");
        for (LatentQuantizer method : methods().toList()) {
            Quantizer q = method.create(SHAPE, method.info().defaults(), 0);
            assertThatThrownBy(() -> q.quantize(Nd4j.zeros(10, 5))).hasMessageContaining("width C = 4").hasMessageContaining("[10, 5]");
            INDArray nan = Nd4j.zeros(3, 4);
            nan.putScalar(1, 2, Double.NaN);
            assertThatThrownBy(() -> q.quantize(nan)).hasMessageContaining("NaN");
        }
    }

    @Test
    void sameSeedSameQuantizer() {
        for (LatentQuantizer method : methods().toList()) {
            INDArray z = gaussian(11, 100, 4, DataType.FLOAT);
            Quantizer a = method.create(SHAPE, method.info().defaults(), 7);
            Quantizer b = method.create(SHAPE, method.info().defaults(), 7);
            for (int i = 0; i < 5; i++) {
                a.update(a.quantize(z));
                b.update(b.quantize(z));
            }
            assertThat(a.quantize(z).reconstruction()).isEqualTo(b.quantize(z).reconstruction());
        }
    }
}
