package dev.plugbench.tasks.spectral;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugbench.api.spectral.SpectralProbe;
import dev.plugbench.host.RegisteredMethod;
import dev.plugbench.host.Source;
import dev.plugbench.host.ProductPluginsTest;
import dev.plugbench.harness.TaskCells;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The spectral plugin as the build packages it, on the two-layer task's quick sizes (seed 0). */
class SpectralTasksTest extends ProductPluginsTest {
    private static Map<String, Double> run(String probe, String setting) {
        SpectralProbe p = host.method(SpectralProbe.class, probe);
        return TaskCells.run(new TwoLayerTask(), p, p.info().defaults(), setting, 0, true);
    }

    @Test
    void thePluginRegistersEverySpectralProbe() {
        assertThat(host.problems()).isEmpty();
        assertThat(host.methods(SpectralProbe.class)).extracting(RegisteredMethod::id).containsExactly("ck-spectrum", "heavy-tail",
                "kta", "norm-change", "ntk-spectrum", "spike-alignment", "weight-esd");
        assertThat(host.methods(SpectralProbe.class)).allMatch(m -> m.source() == Source.PF4J && m.pluginId().equals("spectral"));
    }

    @Test
    void smallLearningRateLeavesTheWeightSpectrumInvariant() {
        Map<String, Double> m = run("weight-esd", "gd-small-lr");
        assertThat(m.get("ks_to_init")).isLessThan(0.05);
        assertThat(m.get("outliers")).isZero();
        assertThat(m.get("ks_to_init@0")).isZero();
        assertThat(m).containsKey("test_mse");
    }

    @Test
    void largeLearningRateProducesOutliersAndAlignsWithTheTeacher() {
        assertThat(run("weight-esd", "gd-large-lr").get("outlier_ratio")).isGreaterThan(2);
        Map<String, Double> spike = run("spike-alignment", "gd-large-lr");
        assertThat(spike.get("spike_alignment")).isGreaterThan(3 * spike.get("spike_alignment@0"));
    }

    @Test
    void oneLargeStepGivesAnOutlierAlignedWithTheTeacher() {
        Map<String, Double> spike = run("spike-alignment", "gd-one-step");
        assertThat(spike).containsKeys("spike_alignment@0", "spike_alignment@1").doesNotContainKey("spike_alignment@2");
        assertThat(spike.get("spike_alignment")).isGreaterThan(0.5).isGreaterThan(5 * spike.get("spike_alignment@0"));
        assertThat(run("weight-esd", "gd-one-step").get("outlier_ratio")).isGreaterThan(2);
    }

    @Test
    void fullRunsAddTheRegimesOnRawTargets() {
        assertThat(TaskCells.settingNames(new TwoLayerTask(), true)).containsExactly("gd-small-lr", "gd-large-lr", "gd-one-step", "adam");
        assertThat(TaskCells.settingNames(new TwoLayerTask(), false)).containsExactly("gd-small-lr", "gd-large-lr", "gd-one-step", "adam",
                "gd-small-lr-raw-targets", "adam-raw-targets");
        Regime raw = Regime.of(TwoLayerTask.regime("adam").rawTargets().setting());
        assertThat(raw).isEqualTo(new Regime("adam-raw-targets", true, 0.1, 100, false));
        assertThat(Regime.of(TwoLayerTask.regime("adam").setting()).centred()).isTrue();
        TwoLayerTask.Sizes s = TwoLayerTask.Sizes.of(true);
        assertThat(TwoLayerTask.Data.of(s, 0, true).y().meanNumber().doubleValue()).isCloseTo(0, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(TwoLayerTask.Data.of(s, 0, false).y().meanNumber().doubleValue()).as("softplus targets are positive on average")
                .isGreaterThan(0.3);
    }

    @Test
    void thePluginSurvivesTheHotSwapDrill() throws InterruptedException {
        dev.plugbench.host.DrillReport r = new dev.plugbench.host.HotswapDrill(host).run("spectral", 5, 2);
        assertThat(r.failures()).isEmpty();
        assertThat(r.failedCalls()).isZero();
        assertThat(r.leakedClassLoaders()).isZero();
        assertThat(r.calls()).isPositive();
    }
}
