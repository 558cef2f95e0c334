package dev.plugbench.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugbench.api.latent.LatentQuantizer;
import dev.plugbench.api.latent.Quantization;
import dev.plugbench.api.latent.Quantizer;
import dev.plugbench.api.latent.QuantizerShape;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The conformance tests of a {@link LatentQuantizer}: {@code class MyQuantizerTest extends
 * LatentQuantizerContract}. Quantizes 32 latents of width 4 with K = 8 codes, one training step.
 */
public abstract class LatentQuantizerContract extends MethodContract<LatentQuantizer> {
    private static final QuantizerShape SHAPE = new QuantizerShape(4, 8);

    @Override
    protected String family() {
        return LatentQuantizer.FAMILY;
    }

    private static INDArray latents() {
        return Samples.gaussian(31, 32, 4);
    }

    @Test
    void quantizationHasTheLatentsShapeAndCodesInRange() {
        Quantizer q = method().create(SHAPE, params(), 1);
        assertThat(q.shape()).as("output: shape() is what create() was given").isEqualTo(SHAPE);
        INDArray z = latents();
        Quantization r = q.quantize(z);
        assertThat(r.reconstruction().shape()).as("output: reconstruction shape").containsExactly(32, 4);
        assertThat(r.reconstruction().isNaN().any() || r.reconstruction().isInfinite().any()).as("output: non-finite reconstruction").isFalse();
        assertThat(r.codes().length).as("output: one code row per latent").isEqualTo(32);
        for (int[] row : r.codes()) {
            assertThat(Arrays.stream(row).allMatch(c -> c >= 0 && c < SHAPE.codebookSize())).as("output: codes %s in [0, K = 8)",
                    Arrays.toString(row)).isTrue();
        }
        INDArray g = q.encoderGradient(r, Nd4j.onesLike(r.reconstruction()));
        assertThat(g.shape()).as("output: encoder gradient shape").containsExactly(32, 4);
        q.update(r);
        long[] usage = q.usageCounts();
        assertThat(usage).as("output: usage counts, one per code").hasSize(SHAPE.codebookSize());
        assertThat(Arrays.stream(usage).allMatch(u -> u >= 0)).as("output: usage counts are non-negative").isTrue();
    }

    @Test
    void sameSeedGivesTheSameQuantization() {
        INDArray z = latents();
        Quantization a = method().create(SHAPE, params(), 3).quantize(z);
        Quantization b = method().create(SHAPE, params(), 3).quantize(z);
        assertThat(b.reconstruction()).as("determinism: same seed, same reconstruction").isEqualTo(a.reconstruction());
        assertThat(b.codes()).as("determinism: same seed, same codes").isDeepEqualTo(a.codes());
    }

    @Test
    void latentsOfTheWrongWidthOrNaNAreRefusedClearly() {
        Quantizer q = method().create(SHAPE, params(), 1);
        Refusals.refusedClearly("bad input: latents of width 5 for a quantizer of width 4", () -> q.quantize(Samples.gaussian(32, 10, 5)));
        INDArray nan = latents();
        nan.putScalar(2, 1, Double.NaN);
        Refusals.refusedClearly("bad input: a NaN latent", () -> q.quantize(nan));
    }

    @Test
    void concurrentRunsEqualSequentialOnes() throws Exception {
        INDArray z = latents();
        INDArray expected = run(z);
        List<INDArray> answers = concurrently(4, () -> run(z));
        assertThat(answers).as("thread safety: quantizers created and trained on several threads").allSatisfy(r -> assertThat(r).isEqualTo(expected));
    }

    /** Create, quantize, update, quantize again: the second reconstruction. */
    private INDArray run(INDArray z) {
        Quantizer q = method().create(SHAPE, params(), 4);
        q.update(q.quantize(z));
        return q.quantize(z).reconstruction();
    }
}
