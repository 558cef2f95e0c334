package dev.plugbench.host.contract;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.plugbench.api.Params;
import dev.plugbench.api.attribution.KernelRequest;
import dev.plugbench.api.attribution.SurrogateFeatureSpace;
import dev.plugbench.api.lwa.Costs;
import dev.plugbench.api.lwa.Decisions;
import dev.plugbench.api.lwa.RejectionProblem;
import dev.plugbench.api.lwa.RejectionRule;
import dev.plugbench.api.model.DifferentiableModel;
import dev.plugbench.api.model.ModelSnapshot;
import dev.plugbench.api.spectral.Measurement;
import dev.plugbench.api.spectral.ProbeInput;
import dev.plugbench.api.spectral.SpectralProbe;
import dev.plugbench.host.RegisteredMethod;
import dev.plugbench.host.ProductPluginsTest;
import dev.plugbench.toolkit.data.Gaussian;
import dev.plugbench.toolkit.nn.Activation;
import dev.plugbench.toolkit.nn.Network;
import dev.plugbench.toolkit.nn.Parameterization;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every method of the product plugins that takes a model works on a model that is not a toolkit
 * class ({@link PlainNetwork}: the contract's {@link DifferentiableModel} in plain arrays), and gives
 * what it gives on the equivalent toolkit network, to 1e-9. Latent quantizers take no model (they
 * quantise the latents they are given), so the contract question does not arise for them.
 */
class PlainModelContractTest extends ProductPluginsTest {
    private static final double TOLERANCE = 1e-9;
    private static final int N = 36;
    private static final INDArray X = Nd4j.createFromArray(Gaussian.next(new SplittableRandom(2), N * 5)).reshape(N, 5);
    private static final INDArray X_TEST = Nd4j.createFromArray(Gaussian.next(new SplittableRandom(3), 20 * 5)).reshape(20, 5);

    /** A float64 toolkit network 5 -> 8 -> tanh -> outputs, with non-zero biases (twin: {@link #twin}). */
    private static Network network(int outputs, long seed) {
        return network(5, 8, outputs, seed);
    }

    private static Network network(int inputs, int hidden, int outputs, long seed) {
        return Network.builder(inputs, DataType.DOUBLE, seed).dense(hidden, Parameterization.NTK_SCALED_BIAS).activation(Activation.TANH)
                .dense(outputs, Parameterization.NTK_SCALED_BIAS).build();
    }

    private static PlainNetwork twin(Network net) {
        ModelSnapshot s = net.snapshot();
        var layers = net.layerInfo();
        return new PlainNetwork(s.parameter("0.W").toDoubleMatrix(), s.parameter("0.b").toDoubleVector(), layers.get(0).weightScale(),
                layers.get(0).biasScale(), s.parameter("2.W").toDoubleMatrix(), s.parameter("2.b").toDoubleVector(),
                layers.get(2).weightScale(), layers.get(2).biasScale());
    }

    private static double maxDifference(INDArray a, INDArray b) {
        return a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
    }

    private static double scale(INDArray a) {
        return Math.max(1, a.amaxNumber().doubleValue());
    }

    @Test
    void thePlainModelImportsNoToolkitClass() {
        noClasses().that().haveSimpleName("PlainNetwork").should().dependOnClassesThat().resideInAPackage("dev.plugbench.toolkit..")
                .check(new ClassFileImporter().importClasses(PlainNetwork.class));
    }

    @Test
    void thePlainModelIsTheToolkitNetworkItCopies() {
        Network net = network(3, 7);
        PlainNetwork plain = twin(net);
        INDArray weights = Nd4j.createFromArray(Gaussian.next(new SplittableRandom(9), N * 3)).reshape(N, 3);
        assertThat(plain.layerInfo()).isEqualTo(net.layerInfo());
        assertThat(plain.parameterCount()).isEqualTo(net.parameterCount());
        assertThat(maxDifference(plain.forward(X), net.forward(X))).isLessThan(TOLERANCE);
        assertThat(maxDifference(plain.perExampleGradients(X, weights), net.perExampleGradients(X, weights))).isLessThan(TOLERANCE);
        var pa = plain.activations(X);
        var na = net.activations(X);
        var pg = plain.outputGradients(pa, weights);
        var ng = net.outputGradients(na, weights);
        for (int l = 0; l < pg.size(); l++) {
            assertThat(maxDifference(pa.get(l), na.get(l))).isLessThan(TOLERANCE);
            assertThat(maxDifference(pg.get(l), ng.get(l))).isLessThan(TOLERANCE);
        }
    }

    @Test
    void everyAttributionKernelGivesTheSameKernelOnThePlainModel() {
        Network net = network(3, 7);
        PlainNetwork plain = twin(net);
        int[] labels = IntStream.range(0, N).map(i -> i % 3).toArray();
        int[] testLabels = IntStream.range(0, 20).map(i -> (i + 1) % 3).toArray();
        var methods = host.methods(SurrogateFeatureSpace.class);
        assertThat(methods).hasSizeGreaterThanOrEqualTo(9);
        for (RegisteredMethod<SurrogateFeatureSpace> m : methods) {
            SurrogateFeatureSpace k = m.method();
            Params p = smallProjection(k.info().bind(Map.of()), k);
            INDArray onNet = k.kernel(new KernelRequest(net, X_TEST, X, testLabels, labels), p, 11);
            INDArray onPlain = k.kernel(new KernelRequest(plain, X_TEST, X, testLabels, labels), p, 11);
            assertThat(onPlain.shape()).as(m.id()).isEqualTo(new long[] {20, N});
            assertThat(maxDifference(onPlain, onNet) / scale(onNet)).as(m.id()).isLessThan(TOLERANCE);
        }
    }

    /** Projected kernels at k = 32 (their default k is sized for real networks). */
    private static Params smallProjection(Params defaults, SurrogateFeatureSpace k) {
        boolean projects = k.info().parameters().stream().anyMatch(s -> s.name().equals("k"));
        return projects ? k.info().bind(Map.of("k", 32)) : defaults;
    }

    @Test
    void everySpectralProbeMeasuresThePlainModelAsTheToolkitNetwork() {
        // wide enough for the tail estimators (>= 20 eigenvalues per weight matrix)
        Network net = network(30, 48, 1, 7);
        PlainNetwork plain = twin(net);
        ModelSnapshot initial = network(30, 48, 1, 8).snapshot();
        INDArray x = Nd4j.createFromArray(Gaussian.next(new SplittableRandom(2), 60 * 30)).reshape(60, 30);
        INDArray targets = Nd4j.createFromArray(Gaussian.next(new SplittableRandom(4), 60)).reshape(60, 1);
        INDArray direction = Nd4j.createFromArray(Gaussian.next(new SplittableRandom(5), 30)).reshape(30, 1);
        var probes = host.methods(SpectralProbe.class);
        assertThat(probes).hasSizeGreaterThanOrEqualTo(7);
        for (RegisteredMethod<SpectralProbe> m : probes) {
            SpectralProbe probe = m.method();
            Params p = probe.info().defaults();
            Measurement onNet = probe.measure(new ProbeInput(net.snapshot(), initial, x, targets, net, direction), p);
            Measurement onPlain = probe.measure(new ProbeInput(plain.snapshot(), initial, x, targets, plain, direction), p);
            assertThat(onPlain.values().keySet()).as(m.id()).isEqualTo(onNet.values().keySet());
            onNet.values().forEach((name, v) -> assertThat(onPlain.values().get(name)).as(m.id() + " " + name)
                    .isCloseTo(v, org.assertj.core.data.Offset.offset(TOLERANCE * Math.max(1, Math.abs(v)))));
            assertThat(onPlain.spectra().keySet()).as(m.id()).isEqualTo(onNet.spectra().keySet());
            onNet.spectra().forEach((name, s) -> {
                double[] other = onPlain.spectra().get(name);
                assertThat(other).as(m.id() + " " + name).hasSameSizeAs(s);
                for (int i = 0; i < s.length; i++) {
                    assertThat(Math.abs(other[i] - s[i])).as(m.id() + " " + name + "[" + i + "]").isLessThan(TOLERANCE * Math.max(1, Math.abs(s[i])));
                }
            });
        }
    }

    @Test
    void everyRejectionRuleDecidesTheSameWithThePlainClient() {
        for (RegisteredMethod<RejectionRule> m : host.methods(RejectionRule.class)) {
            RejectionRule rule = m.method();
            int classes = rule.handles(3) ? 3 : 2;
            Network client = network(classes, 7);
            int[] labels = IntStream.range(0, N).map(i -> (i * 7 + i / 5) % classes).toArray();
            Params p = rule.info().bind(smallTraining(rule));
            Decisions onNet = rule.fit(new RejectionProblem(client, X, labels, classes, new Costs(0.1, 1)), p, 3).decide(X_TEST);
            Decisions onPlain = rule.fit(new RejectionProblem(twin(client), X, labels, classes, new Costs(0.1, 1)), p, 3).decide(X_TEST);
            assertThat(onPlain.expertLabels()).as(m.id()).isEqualTo(onNet.expertLabels());
            assertThat(maxDifference(onPlain.score(), onNet.score())).as(m.id()).isLessThan(TOLERANCE);
        }
    }

    /** The rules' shared training budget cut to a few steps: the client is what this test compares. */
    private static Map<String, Object> smallTraining(RejectionRule rule) {
        Map<String, Object> raw = new LinkedHashMap<>();
        rule.info().parameters().forEach(s -> {
            if (s.name().equals("steps")) {
                raw.put("steps", 40);
            } else if (s.name().equals("hidden")) {
                raw.put("hidden", 8);
            }
        });
        return raw;
    }
}
