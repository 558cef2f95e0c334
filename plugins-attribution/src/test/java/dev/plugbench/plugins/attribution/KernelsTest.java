package dev.plugbench.plugins.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugbench.api.attribution.KernelRequest;
import dev.plugbench.api.attribution.SurrogateFeatureSpace;
import dev.plugbench.toolkit.data.Gaussian;
import dev.plugbench.toolkit.linalg.SymmetricEigen;
import dev.plugbench.toolkit.nn.Activation;
import dev.plugbench.toolkit.nn.Network;
import dev.plugbench.toolkit.nn.Parameterization;
import dev.plugbench.toolkit.nn.TangentKernels;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class KernelsTest {
    private static final Network NET = Network.builder(6, DataType.DOUBLE, 1).dense(12, Parameterization.NTK).activation(Activation.RELU)
            .dense(10, Parameterization.NTK).activation(Activation.TANH).dense(3, Parameterization.NTK).build();
    private static final INDArray X = Nd4j.createFromArray(Gaussian.next(new SplittableRandom(2), 25 * 6)).reshape(25, 6);
    private static final int[] Y = java.util.stream.IntStream.range(0, 25).map(i -> i % 3).toArray();

    static List<SurrogateFeatureSpace> kernels() {
        return List.of(new TraceNtk(), new RawTraceNtk(), new PseudoNtk(), new ProjectedTraceNtk(), new ConjugateKernel(),
                new EmbeddingKernel(), new HiddenEmbeddingKernel(), new GradientCosine(), new InputRbf());
    }

    /** Labels equal to the network's own predictions: then TRAK's left and right features coincide on the train block. */
    private static final int[] PREDICTED = NET.forward(X).argMax(1).toIntVector();

    @ParameterizedTest
    @MethodSource("kernels")
    void everyKernelIsSymmetricAndPositiveSemiDefiniteOnTheTrainBlock(SurrogateFeatureSpace k) {
        INDArray g = k.kernel(new KernelRequest(NET, X, X, Y, Y), k.info().defaults(), 7);
        assertThat(g.shape()).containsExactly(25, 25);
        assertThat(g.sub(g.transpose()).amaxNumber().doubleValue()).isLessThan(1e-9);
        double[] eig = SymmetricEigen.valuesOf(g.add(g.transpose()).muli(0.5));
        assertThat(eig[0]).isGreaterThan(-1e-8 * Math.max(1, eig[eig.length - 1]));
    }

    @Test
    void trakIsSymmetricAndPositiveSemiDefiniteWhenTheNetworkPredictsTheLabels() {
        INDArray g = new TrakKernel().kernel(new KernelRequest(NET, X, X, PREDICTED, PREDICTED), TrakKernel.INFO.defaults(), 7);
        assertThat(g.sub(g.transpose()).amaxNumber().doubleValue()).isLessThan(1e-9 * g.amaxNumber().doubleValue());
        double[] eig = SymmetricEigen.valuesOf(g.add(g.transpose()).muli(0.5));
        assertThat(eig[0]).isGreaterThan(-1e-8 * Math.max(1, eig[eig.length - 1]));
    }

    @Test
    void trakIsTheWhitenedProductOfProjectedMarginGradients() {
        INDArray left = X.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 6), org.nd4j.linalg.indexing.NDArrayIndex.all());
        var params = TrakKernel.INFO.bind(Map.of("k", 16, "ridge", 0.01));
        GradientProjection p = new GradientProjection(NET.parameterCount(), 16, 9, "trak");
        INDArray phiRight = p.project(NET, X, LossGradients.margin(Y));
        INDArray phiLeft = p.project(NET, left, LossGradients.margin(java.util.Arrays.copyOf(PREDICTED, 6)));
        INDArray gram = phiRight.transpose().mmul(phiRight);
        double lambda = 0.01 * Nd4j.diag(gram).sumNumber().doubleValue() / 16;
        INDArray expected = phiLeft.mmul(org.nd4j.linalg.inverse.InvertMatrix.invert(gram.add(Nd4j.eye(16).castTo(DataType.DOUBLE).muli(lambda)), false))
                .mmul(phiRight.transpose());
        INDArray k = new TrakKernel().kernel(new KernelRequest(NET, left, X, new int[6], Y), params, 9);
        assertThat(k.sub(expected).amaxNumber().doubleValue()).isLessThan(1e-9 * expected.amaxNumber().doubleValue());
    }

    @Test
    void trakRowsDoNotDependOnTheLeftLabels() {
        INDArray left = X.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 6), org.nd4j.linalg.indexing.NDArrayIndex.all());
        var params = TrakKernel.INFO.defaults();
        INDArray a = new TrakKernel().kernel(new KernelRequest(NET, left, X, new int[] {0, 0, 0, 0, 0, 0}, Y), params, 4);
        INDArray b = new TrakKernel().kernel(new KernelRequest(NET, left, X, new int[] {1, 2, 0, 1, 2, 0}, Y), params, 4);
        assertThat(a).isEqualTo(b);
        INDArray block = new TrakKernel().kernel(new KernelRequest(NET, X, X, Y, Y), params, 4);
        INDArray rows = new TrakKernel().kernel(new KernelRequest(NET, X.dup(), X, Y, Y), params, 4);
        assertThat(block.sub(rows).amaxNumber().doubleValue()).as("the train block equals the rows computed as test rows").isLessThan(1e-9);
    }

    @Test
    void embeddingSumsTheParameterisedLayersOutputsAndTheHiddenVariantTheActivations() {
        INDArray modules = Nd4j.zeros(DataType.DOUBLE, 25, 25);
        INDArray hidden = Nd4j.zeros(DataType.DOUBLE, 25, 25);
        INDArray a = X;
        for (var layer : NET.layers()) {
            a = layer.forward(a);
            (layer.parameters().isEmpty() ? hidden : modules).addi(a.mmul(a.transpose()));
        }
        for (INDArray sum : List.of(modules, hidden)) {
            INDArray d = org.nd4j.linalg.ops.transforms.Transforms.sqrt(Nd4j.diag(sum).reshape(25, 1), true);
            sum.diviColumnVector(d).diviRowVector(d.reshape(1, 25));
        }
        INDArray em = new EmbeddingKernel().kernel(new KernelRequest(NET, X, X), EmbeddingKernel.INFO.defaults(), 0);
        INDArray emHidden = new HiddenEmbeddingKernel().kernel(new KernelRequest(NET, X, X), HiddenEmbeddingKernel.INFO.defaults(), 0);
        assertThat(em.sub(modules).amaxNumber().doubleValue()).isLessThan(1e-12);
        assertThat(emHidden.sub(hidden).amaxNumber().doubleValue()).isLessThan(1e-12);
        assertThat(em.sub(emHidden).amaxNumber().doubleValue()).isGreaterThan(1e-3);
    }

    @Test
    void theLayerByLayerProjectionEqualsProjectingTheMaterialisedGradients() {
        GradientProjection p = new GradientProjection(NET.parameterCount(), 24, 5, "proj-trntk");
        INDArray weights = Nd4j.createFromArray(Gaussian.next(new SplittableRandom(8), 25 * 3)).reshape(25, 3);
        GradientProjection.OutputGradient g = (first, out) -> weights.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(first, first + out.rows()),
                org.nd4j.linalg.indexing.NDArrayIndex.all());
        INDArray fast = p.projectLayerByLayer(NET, X, g);
        INDArray reference = p.projectMaterialised(NET, X, g);
        assertThat(fast.sub(reference).amaxNumber().doubleValue()).isLessThan(1e-10 * reference.amaxNumber().doubleValue());
    }

    @Test
    void everyClassAtOnceEqualsProjectingEachClassByItself() {
        GradientProjection p = new GradientProjection(NET.parameterCount(), 24, 5, "proj-trntk");
        INDArray all = p.projectEachClass(NET, X);
        int k = 24;
        assertThat(all.shape()).containsExactly(X.rows(), (long) NET.outputWidth() * k);
        for (int c = 0; c < NET.outputWidth(); c++) {
            INDArray reference = p.projectMaterialised(NET, X, GradientProjection.unit(c));
            INDArray block = all.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.interval((long) c * k, (long) (c + 1) * k));
            assertThat(block.sub(reference).amaxNumber().doubleValue()).isLessThan(1e-10 * reference.amaxNumber().doubleValue());
            assertThat(block.sub(p.projectLayerByLayer(NET, X, GradientProjection.unit(c))).amaxNumber().doubleValue())
                    .isLessThan(1e-10 * reference.amaxNumber().doubleValue());
        }
    }

    @Test
    void cachedTrainingFeaturesAreNeverStale() {
        Network net = Network.builder(6, DataType.DOUBLE, 11).dense(8, Parameterization.NTK).activation(Activation.RELU)
                .dense(3, Parameterization.NTK).build();
        INDArray left = X.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 5), org.nd4j.linalg.indexing.NDArrayIndex.all());
        for (SurrogateFeatureSpace kernel : List.of(new ProjectedTraceNtk(), new TrakKernel())) {
            var params = kernel.info().bind(Map.of("k", 16));
            INDArray block = kernel.kernel(new KernelRequest(net, X, X, Y, Y), params, 2);
            INDArray rows = kernel.kernel(new KernelRequest(net, left, X, java.util.Arrays.copyOf(Y, 5), Y), params, 2);
            assertThat(rows).as("a cache hit gives what a fresh instance computes")
                    .isEqualTo(kernelOf(kernel).kernel(new KernelRequest(net, left, X, java.util.Arrays.copyOf(Y, 5), Y), params, 2));
            net.parameters().get(0).value().muli(1.5);
            INDArray after = kernel.kernel(new KernelRequest(net, left, X, java.util.Arrays.copyOf(Y, 5), Y), params, 2);
            assertThat(after).as("the network changed: no stale features")
                    .isEqualTo(kernelOf(kernel).kernel(new KernelRequest(net, left, X, java.util.Arrays.copyOf(Y, 5), Y), params, 2));
            assertThat(block.rows()).isEqualTo(25);
        }
    }

    private static SurrogateFeatureSpace kernelOf(SurrogateFeatureSpace k) {
        return k instanceof TrakKernel ? new TrakKernel() : new ProjectedTraceNtk();
    }

    @Test
    void gradCosLayerByLayerEqualsTheMaterialisedLossGradients() {
        INDArray left = X.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 7), org.nd4j.linalg.indexing.NDArrayIndex.all());
        int[] leftLabels = java.util.Arrays.copyOf(Y, 7);
        for (KernelRequest r : List.of(new KernelRequest(NET, X, X, Y, Y), new KernelRequest(NET, left, X, leftLabels, Y))) {
            INDArray fast = new GradientCosine().kernel(r, GradientCosine.INFO.defaults(), 0);
            assertThat(fast.sub(GradientCosine.materialised(NET, r)).amaxNumber().doubleValue()).isLessThan(1e-10);
        }
        Network binary = Network.builder(6, DataType.DOUBLE, 4).dense(9, Parameterization.NTK).activation(Activation.RELU)
                .dense(1, Parameterization.NTK).build();
        int[] y01 = java.util.stream.IntStream.range(0, 25).map(i -> i % 2).toArray();
        KernelRequest r = new KernelRequest(binary, X, X, y01, y01);
        assertThat(new GradientCosine().kernel(r, GradientCosine.INFO.defaults(), 0).sub(GradientCosine.materialised(binary, r))
                .amaxNumber().doubleValue()).isLessThan(1e-10);
    }

    @Test
    void theRbfMedianHeuristicDividesBySquaredDistancesMedian() {
        double[] d2 = new double[25 * 24];
        int m = 0;
        for (int i = 0; i < 25; i++) {
            for (int j = 0; j < 25; j++) {
                if (i != j) {
                    d2[m++] = X.getRow(i).distance2(X.getRow(j)) * X.getRow(i).distance2(X.getRow(j));
                }
            }
        }
        java.util.Arrays.sort(d2);
        double median = d2[d2.length / 2];
        INDArray k = new InputRbf().kernel(new KernelRequest(NET, X, X), InputRbf.INFO.defaults(), 0);
        double d01 = Math.pow(X.getRow(0).distance2(X.getRow(1)), 2);
        assertThat(k.getDouble(0, 1)).isCloseTo(Math.exp(-d01 / median), org.assertj.core.api.Assertions.within(1e-12));
        INDArray given = new InputRbf().kernel(new KernelRequest(NET, X, X), InputRbf.INFO.bind(Map.of("bandwidth", 2.0)), 0);
        assertThat(given.getDouble(0, 1)).isCloseTo(Math.exp(-d01 / 8), org.assertj.core.api.Assertions.within(1e-12));
    }

    @Test
    void normalisedKernelsHaveUnitDiagonal() {
        for (SurrogateFeatureSpace k : List.of(new TraceNtk(), new PseudoNtk(), new ConjugateKernel(), new EmbeddingKernel(), new HiddenEmbeddingKernel(),
                new GradientCosine())) {
            INDArray g = k.kernel(new KernelRequest(NET, X, X, Y, Y), k.info().defaults(), 7);
            assertThat(Nd4j.diag(g).sub(1).amaxNumber().doubleValue()).as(k.info().id()).isLessThan(1e-9);
        }
    }

    @Test
    void trntkIsTheCosineOfTheExactTraceKernel() {
        INDArray exact = Nd4j.zeros(DataType.DOUBLE, 25, 25);
        for (int c = 0; c < 3; c++) {
            INDArray j = NET.perExampleGradients(X, c);
            exact.addi(j.mmul(j.transpose()));
        }
        INDArray d = Nd4j.diag(exact).reshape(25, 1);
        INDArray cos = exact.divColumnVector(org.nd4j.linalg.ops.transforms.Transforms.sqrt(d, true))
                .divRowVector(org.nd4j.linalg.ops.transforms.Transforms.sqrt(d.reshape(1, 25), true));
        INDArray k = new TraceNtk().kernel(new KernelRequest(NET, X, X), TraceNtk.INFO.defaults(), 0);
        assertThat(k.sub(cos).amaxNumber().doubleValue()).isLessThan(1e-9);
    }

    @Test
    void theProjectedKernelApproachesTheExactOneAsKGrows() {
        INDArray exact = new TraceNtk().kernel(new KernelRequest(NET, X, X), TraceNtk.INFO.defaults(), 0);
        double small = new ProjectedTraceNtk().kernel(new KernelRequest(NET, X, X), ProjectedTraceNtk.INFO.bind(Map.of("k", 16)), 3)
                .sub(exact).amaxNumber().doubleValue();
        double large = new ProjectedTraceNtk().kernel(new KernelRequest(NET, X, X), ProjectedTraceNtk.INFO.bind(Map.of("k", 4096)), 3)
                .sub(exact).amaxNumber().doubleValue();
        assertThat(large).isLessThan(small).isLessThan(0.15);
    }

    @Test
    void sameSeedSameProjection() {
        var p = ProjectedTraceNtk.INFO.bind(Map.of("k", 32));
        assertThat(new ProjectedTraceNtk().kernel(new KernelRequest(NET, X, X), p, 5))
                .isEqualTo(new ProjectedTraceNtk().kernel(new KernelRequest(NET, X, X), p, 5));
    }

    @Test
    void crossKernelsAreRowsAgainstTheRightSet() {
        INDArray left = X.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 4), org.nd4j.linalg.indexing.NDArrayIndex.all());
        INDArray full = new TraceNtk().kernel(new KernelRequest(NET, X, X), TraceNtk.INFO.defaults(), 0);
        INDArray rows = new TraceNtk().kernel(new KernelRequest(NET, left, X), TraceNtk.INFO.defaults(), 0);
        assertThat(rows.sub(full.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 4), org.nd4j.linalg.indexing.NDArrayIndex.all()))
                .amaxNumber().doubleValue()).isLessThan(1e-9);
        assertThat(TangentKernels.trace(NET, left, X, true).rows()).isEqualTo(4);
    }

    @Test
    void badRequestsGetClearErrors() {
        Network convolutional = Network.builder(6, DataType.DOUBLE, 1).image(1, 2, 3).conv(2, 1, 1, 0, Parameterization.NTK)
                .dense(3, Parameterization.NTK).build();
        assertThatThrownBy(() -> new TraceNtk().kernel(new KernelRequest(convolutional, X, X), TraceNtk.INFO.defaults(), 0))
                .hasMessageContaining("dense networks only").hasMessageContaining("[0] of another kind");
        assertThatThrownBy(() -> new GradientCosine().kernel(new KernelRequest(NET, X, X), GradientCosine.INFO.defaults(), 0))
                .hasMessageContaining("needs the labels");
        assertThatThrownBy(() -> new KernelRequest(NET, X, Nd4j.zeros(3, 5))).hasMessageContaining("equal width");
        assertThatThrownBy(() -> KernelSupport.checkMemory("trntk", 1L << 31, "the kernel"))
                .hasMessageContaining("16.0 GiB").hasMessageContaining("proj-trntk");
    }

    @Test
    void chunkedLossGradientsUseEachChunksOwnLabels() {
        INDArray whole = GradientProjection.gradients(NET, X, LossGradients.loss(Y), 25);
        INDArray chunked = GradientProjection.gradients(NET, X, LossGradients.loss(Y), 7);
        assertThat(chunked.sub(whole).amaxNumber().doubleValue()).isLessThan(1e-12);
        INDArray margin = GradientProjection.gradients(NET, X, LossGradients.margin(Y), 4);
        assertThat(margin.sub(GradientProjection.gradients(NET, X, LossGradients.margin(Y), 25)).amaxNumber().doubleValue()).isLessThan(1e-12);
    }
}
