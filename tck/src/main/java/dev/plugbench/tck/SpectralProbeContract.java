package dev.plugbench.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugbench.api.model.ModelSnapshot;
import dev.plugbench.api.spectral.Measurement;
import dev.plugbench.api.spectral.ProbeInput;
import dev.plugbench.api.spectral.SpectralProbe;
import dev.plugbench.toolkit.nn.Network;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The conformance tests of a {@link SpectralProbe}: {@code class MyProbeTest extends SpectralProbeContract}
 * with {@link #method()} returning the probe. Runs on a 24-48-1 network one SGD step from its
 * initialisation (snapshots, data, the network and a known direction).
 */
public abstract class SpectralProbeContract extends MethodContract<SpectralProbe> {
    @Override
    protected String family() {
        return SpectralProbe.FAMILY;
    }

    private static ProbeInput sample() {
        Samples.Probed p = Samples.probed();
        return new ProbeInput(p.current(), p.initial(), p.x(), p.y(), p.network(), p.direction());
    }

    @Test
    void measuresTheSampleWithNamedFiniteValues() {
        Measurement m = method().measure(sample(), params());
        assertThat(m).as("measure() returned null").isNotNull();
        assertThat(m.values().size() + m.spectra().size()).as("output: the measurement is empty").isPositive();
        m.values().keySet().forEach(k -> assertThat(k).as("output: value names").isNotBlank());
    }

    @Test
    void sameInputGivesTheSameMeasurement() {
        ProbeInput input = sample();
        Measurement a = method().measure(input, params());
        Measurement b = method().measure(input, params());
        assertThat(b.values()).as("determinism: two calls on the same input").isEqualTo(a.values());
        assertThat(b.spectra().keySet()).as("determinism: spectra names").isEqualTo(a.spectra().keySet());
        a.spectra().forEach((k, v) -> assertThat(b.spectra().get(k)).as("determinism: spectrum '%s'", k).containsExactly(v));
    }

    @Test
    void leavesItsInputUnchanged() {
        ProbeInput input = sample();
        Map<String, double[]> before = copy(input.current());
        INDArray x = input.inputs().dup();
        method().measure(input, params());
        Map<String, double[]> after = copy(input.current());
        before.forEach((k, v) -> assertThat(after.get(k)).as("purity: the probe changed parameter '%s' of its input", k).containsExactly(v));
        assertThat(input.inputs()).as("purity: the probe changed the inputs").isEqualTo(x);
    }

    private static Map<String, double[]> copy(ModelSnapshot s) {
        Map<String, double[]> m = new HashMap<>();
        s.parameters().forEach((k, v) -> m.put(k, v.dup().data().asDouble()));
        return m;
    }

    @Test
    void refusesNonFiniteWeightsClearly() {
        Samples.Probed p = Samples.probed();
        Network broken = p.network();
        INDArray flat = broken.flatParameters();
        flat.putScalar(0, Double.NaN);
        broken.setFlatParameters(flat);
        ProbeInput input = new ProbeInput(broken.snapshot(), p.initial(), p.x(), p.y(), broken, p.direction());
        Refusals.refusedClearly("bad input: NaN weights", () -> method().measure(input, params()));
    }

    @Test
    void concurrentCallsEqualSequentialOnes() throws Exception {
        ProbeInput input = sample();
        Map<String, Double> expected = method().measure(input, params()).values();
        List<Map<String, Double>> answers = concurrently(4, () -> method().measure(input, params()).values());
        assertThat(answers).as("thread safety: concurrent calls on one input").allSatisfy(a -> assertThat(a).isEqualTo(expected));
    }
}
