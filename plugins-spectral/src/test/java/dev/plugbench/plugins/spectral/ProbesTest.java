package dev.plugbench.plugins.spectral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.plugbench.api.Params;
import dev.plugbench.api.model.ModelSnapshot;
import dev.plugbench.api.spectral.Measurement;
import dev.plugbench.api.spectral.ProbeInput;
import dev.plugbench.api.spectral.SpectralProbe;
import dev.plugbench.toolkit.data.Gaussian;
import dev.plugbench.toolkit.linalg.Svd;
import dev.plugbench.toolkit.nn.Activation;
import dev.plugbench.toolkit.nn.Network;
import dev.plugbench.toolkit.nn.Parameterization;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ProbesTest {
    private static INDArray gaussian(long seed, int rows, int cols) {
        return Nd4j.createFromArray(Gaussian.next(new SplittableRandom(seed), rows * cols)).reshape(rows, cols);
    }

    private static ProbeInput weights(INDArray w, INDArray w0) {
        return new ProbeInput(new ModelSnapshot(Map.of("0.W", w), 1), new ModelSnapshot(Map.of("0.W", w0), 0),
                Nd4j.zeros(4, w.rows()), Nd4j.zeros(4, 1));
    }

    private static Map<String, Double> measure(SpectralProbe p, ProbeInput in) {
        return p.measure(in, p.info().defaults()).values();
    }

    @Test
    void randomWeightsFollowMarchenkoPasturWithoutOutliers() {
        INDArray w0 = gaussian(1, 200, 400);
        Map<String, Double> v = measure(new WeightEsdProbe(), weights(w0, w0));
        assertThat(v.get("outliers")).isZero();
        assertThat(v.get("ks_to_init")).isZero();
        assertThat(v.get("ks_to_mp")).isLessThan(0.05);
        assertThat(v.get("mp_upper_edge")).isCloseTo(Math.pow(1 + Math.sqrt(0.5), 2), within(0.05));
        assertThat(v.get("outlier_ratio")).isCloseTo(1.0, within(0.08));
    }

    @Test
    void aRankOneSpikeIsAnOutlierAlignedWithItsDirection() {
        INDArray w0 = gaussian(2, 200, 400);
        INDArray beta = gaussian(3, 200, 1);
        beta.divi(beta.norm2Number());
        INDArray spike = beta.mmul(gaussian(4, 1, 400)).muli(3);
        INDArray w = w0.add(spike);
        Map<String, Double> esd = measure(new WeightEsdProbe(), weights(w, w0));
        assertThat(esd.get("outliers")).isEqualTo(1.0);
        assertThat(esd.get("outlier_ratio")).isGreaterThan(2);
        ProbeInput in = new ProbeInput(new ModelSnapshot(Map.of("0.W", w), 1), new ModelSnapshot(Map.of("0.W", w0), 0),
                Nd4j.zeros(4, 200), Nd4j.zeros(4, 1), null, beta);
        assertThat(measure(new SpikeAlignmentProbe(), in).get("spike_alignment")).isGreaterThan(0.9);
        ProbeInput random = new ProbeInput(new ModelSnapshot(Map.of("0.W", w0), 1), new ModelSnapshot(Map.of("0.W", w0), 0),
                Nd4j.zeros(4, 200), Nd4j.zeros(4, 1), null, beta);
        assertThat(measure(new SpikeAlignmentProbe(), random).get("spike_alignment")).as("about 1/sqrt(d)").isLessThan(0.3);
    }

    @Test
    void normChangeMatchesTheClosedFormOfARankOneUpdate() {
        INDArray w0 = gaussian(5, 30, 50);
        INDArray u = Nd4j.zeros(DataType.DOUBLE, 30, 1).putScalar(0, 0, 1);
        INDArray v = Nd4j.zeros(DataType.DOUBLE, 1, 50).putScalar(0, 3, 1);
        INDArray w = w0.add(u.mmul(v).muli(2.5));
        Map<String, Double> m = measure(new NormChangeProbe(), weights(w, w0));
        assertThat(m.get("delta_w_fro")).isCloseTo(2.5, within(1e-12));
        assertThat(m.get("delta_w_op")).isCloseTo(2.5, within(1e-12));
        assertThat(m.get("w0_op")).isCloseTo(Svd.valuesOf(w0)[0], within(1e-12));
    }

    @Test
    void heavyTailExponentIsSmallerForAHeavyTailedMatrix() {
        INDArray gauss = gaussian(6, 200, 400);
        SplittableRandom rng = new SplittableRandom(7);
        double[] heavy = new double[200 * 400];
        for (int i = 0; i < heavy.length; i++) {
            heavy[i] = (rng.nextBoolean() ? 1 : -1) * Math.pow(1 - rng.nextDouble(), -1 / 1.5); // Pareto tail, index 1.5
        }
        INDArray h = Nd4j.createFromArray(heavy).reshape(200, 400);
        double gaussAlpha = measure(new HeavyTailProbe(), weights(gauss, gauss)).get("mle_alpha");
        double heavyAlpha = measure(new HeavyTailProbe(), weights(h, h)).get("mle_alpha");
        assertThat(heavyAlpha).isLessThan(gaussAlpha);
    }

    @Test
    void kernelProbesNeedTheNetworkAndMeasureIt() {
        Network net = Network.builder(6, DataType.DOUBLE, 1).dense(40, Parameterization.NTK).activation(Activation.TANH)
                .dense(1, Parameterization.NTK).build();
        INDArray x = gaussian(8, 30, 6);
        INDArray y = x.getColumn(0).reshape(30, 1);
        ModelSnapshot s = net.snapshot();
        ProbeInput in = new ProbeInput(s, s, x, y, net, null);
        Measurement ck = new CkSpectrumProbe().measure(in, CkSpectrumProbe.INFO.defaults());
        assertThat(ck.spectra().get("ck")).hasSize(30);
        assertThat(ck.values().get("ck_trace")).isPositive();
        Measurement ntk = new NtkSpectrumProbe().measure(in, NtkSpectrumProbe.INFO.defaults());
        assertThat(ntk.spectra().get("ntk")[0]).as("PSD").isGreaterThan(-1e-9);
        double kta = new KtaProbe().measure(in, KtaProbe.INFO.defaults()).values().get("kta");
        assertThat(kta).isBetween(-1.0, 1.0);
        assertThatThrownBy(() -> new CkSpectrumProbe().measure(new ProbeInput(s, s, x, y), Params.none()))
                .hasMessageContaining("needs the network itself");
    }

    @Test
    void aRankDeficientConjugateKernelHasExactZerosNotRoundingNoise() {
        // 8 hidden units, 30 inputs: K = F F^T / 8 has rank 8; its other 22 eigenvalues are rounding noise in LAPACK's output
        Network net = Network.builder(6, DataType.DOUBLE, 2).dense(8, Parameterization.NTK).activation(Activation.TANH)
                .dense(1, Parameterization.NTK).build();
        INDArray x = gaussian(9, 30, 6);
        ModelSnapshot s = net.snapshot();
        double[] ck = new CkSpectrumProbe().measure(new ProbeInput(s, s, x, x.getColumn(0).reshape(30, 1), net, null),
                CkSpectrumProbe.INFO.defaults()).spectra().get("ck");
        assertThat(java.util.Arrays.stream(ck).filter(v -> v == 0).count()).isEqualTo(22);
        assertThat(java.util.Arrays.stream(ck).filter(v -> v > 1e-6).count()).isEqualTo(8);
        assertThat(CkSpectrumProbe.withRoundingAsZero(new double[] {-1e-16, 5e-16, 0.5, 1.0})).containsExactly(0, 0, 0.5, 1.0);
    }

    @Test
    void ktaOfTheTargetKernelItselfIsOne() {
        INDArray y = gaussian(9, 20, 2);
        assertThat(KtaProbe.alignment(y.mmul(y.transpose()), y)).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void badInputGetsClearErrors() {
        INDArray w = gaussian(10, 20, 30);
        Params layer3 = WeightEsdProbe.INFO.bind(Map.of("layer", 3));
        assertThatThrownBy(() -> new WeightEsdProbe().measure(weights(w, w), layer3))
                .hasMessageContaining("no weight matrix number 3").hasMessageContaining("[0.W]");
        INDArray bad = w.dup();
        bad.putScalar(0, 0, Double.NaN);
        assertThatThrownBy(() -> new NormChangeProbe().measure(weights(bad, w), NormChangeProbe.INFO.defaults()))
                .hasMessageContaining("NaN or infinite").hasMessageContaining("lower the learning rate");
        INDArray tiny = gaussian(11, 5, 8);
        assertThatThrownBy(() -> new HeavyTailProbe().measure(weights(tiny, tiny), HeavyTailProbe.INFO.defaults()))
                .hasMessageContaining("needs at least 20 positive values");
        assertThatThrownBy(() -> new SpikeAlignmentProbe().measure(weights(w, w), SpikeAlignmentProbe.INFO.defaults()))
                .hasMessageContaining("neither");
    }

    @Test
    void theExtensionIndexListsEveryProbe() throws Exception {
        // the test classes get an index of their own (empty): read every copy on the classpath
        List<String> idx = new java.util.ArrayList<>();
        for (var url : java.util.Collections.list(ProbesTest.class.getClassLoader().getResources("META-INF/extensions.idx"))) {
            try (var in = url.openStream()) {
                new String(in.readAllBytes()).lines().filter(l -> !l.startsWith("#") && !l.isBlank()).forEach(idx::add);
            }
        }
        assertThat(idx).containsExactlyInAnyOrder(WeightEsdProbe.class.getName(), NormChangeProbe.class.getName(),
                HeavyTailProbe.class.getName(), SpikeAlignmentProbe.class.getName(), CkSpectrumProbe.class.getName(),
                NtkSpectrumProbe.class.getName(), KtaProbe.class.getName());
    }
}
