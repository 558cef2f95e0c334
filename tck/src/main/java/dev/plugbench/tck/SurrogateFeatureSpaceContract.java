package dev.plugbench.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugbench.api.attribution.KernelRequest;
import dev.plugbench.api.attribution.SurrogateFeatureSpace;
import dev.plugbench.toolkit.linalg.SymmetricEigen;
import dev.plugbench.toolkit.nn.Network;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The conformance tests of a {@link SurrogateFeatureSpace}: {@code class MyKernelTest extends
 * SurrogateFeatureSpaceContract}. Runs on a 6-12-3 classifier and 7 x 11 inputs with labels.
 * Override {@link #symmetricGram()} for a kernel whose two sides differ by design (say why), and
 * {@link #randomised()} for one that draws from its seed.
 */
public abstract class SurrogateFeatureSpaceContract extends MethodContract<SurrogateFeatureSpace> {
    private static final Network NETWORK = Samples.classifier(6, 3, 13);

    @Override
    protected String family() {
        return SurrogateFeatureSpace.FAMILY;
    }

    /** Whether K(X, X) is symmetric and positive semidefinite (default: it is). */
    protected boolean symmetricGram() {
        return true;
    }

    /** Whether the kernel draws from its seed (random projections): then two seeds must give two kernels. */
    protected boolean randomised() {
        return false;
    }

    private static KernelRequest request() {
        return new KernelRequest(NETWORK, Samples.gaussian(1, 7, 6), Samples.gaussian(2, 11, 6), Samples.labels(7, 3, 3), Samples.labels(11, 3, 4));
    }

    @Test
    void kernelHasTheRequestedShapeAndFiniteFloat64Values() {
        INDArray k = method().kernel(request(), params(), 1);
        assertThat(k).as("kernel() returned null").isNotNull();
        assertThat(k.shape()).as("output: shape |left| x |right|").containsExactly(7, 11);
        assertThat(k.dataType()).as("output: data type").isEqualTo(DataType.DOUBLE);
        assertThat(k.isNaN().any() || k.isInfinite().any()).as("output: non-finite entries").isFalse();
    }

    @Test
    void gramMatrixIsSymmetricPositiveSemidefinite() {
        if (!symmetricGram()) {
            return;
        }
        INDArray x = Samples.gaussian(5, 10, 6);
        int[] y = Samples.labels(10, 3, 6);
        INDArray k = method().kernel(new KernelRequest(NETWORK, x, x, y, y), params(), 1);
        double scale = Math.max(1e-300, k.amaxNumber().doubleValue());
        assertThat(k.sub(k.transpose()).amaxNumber().doubleValue() / scale).as("invariant: K(X, X) is symmetric").isLessThan(1e-8);
        double min = Arrays.stream(SymmetricEigen.valuesOf(k.add(k.transpose()).muli(0.5))).min().orElse(0);
        assertThat(min / scale).as("invariant: K(X, X) is positive semidefinite (smallest eigenvalue / largest entry)").isGreaterThan(-1e-8);
    }

    @Test
    void sameSeedGivesTheSameKernelAndOtherSeedsDifferWhereRandomised() {
        KernelRequest r = request();
        INDArray a = method().kernel(r, params(), 1);
        assertThat(method().kernel(r, params(), 1)).as("determinism: same seed, same kernel").isEqualTo(a);
        if (randomised()) {
            assertThat(method().kernel(r, params(), 2)).as("randomness: seeds 1 and 2 give the same kernel").isNotEqualTo(a);
        }
    }

    @Test
    void labelsOutsideTheModelsOutputsAreRefusedClearlyOrIgnored() {
        KernelRequest r = new KernelRequest(NETWORK, Samples.gaussian(1, 7, 6), Samples.gaussian(2, 11, 6), new int[] {0, 1, 2, 5, 0, 1, 2},
                Samples.labels(11, 3, 4));
        try {
            INDArray k = method().kernel(r, params(), 1);
            assertThat(k.shape()).as("bad input: a label beyond the outputs was accepted but the kernel has the wrong shape")
                    .containsExactly(7, 11);
        } catch (RuntimeException e) {
            Refusals.refusedClearly("bad input: a label (5) beyond the model's 3 outputs", () -> {
                throw e;
            });
        }
    }

    @Test
    void concurrentCallsEqualSequentialOnes() throws Exception {
        KernelRequest r = request();
        INDArray expected = method().kernel(r, params(), 1);
        List<INDArray> answers = concurrently(4, () -> method().kernel(r, params(), 1));
        assertThat(answers).as("thread safety: concurrent calls on one request").allSatisfy(k -> assertThat(k).isEqualTo(expected));
    }
}
