package dev.plugbench.tasks.spectral.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugbench.host.Plugbench;
import dev.plugbench.toolkit.data.Dataset;
import dev.plugbench.toolkit.data.SingleIndexTeacher;
import dev.plugbench.toolkit.nn.Activation;
import dev.plugbench.toolkit.nn.Losses;
import dev.plugbench.toolkit.nn.Network;
import dev.plugbench.toolkit.nn.Parameterization;
import dev.plugbench.toolkit.nn.Sgd;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class ProbeMonitorTest {
    @Test
    void aTrainingLoopOfItsOwnGetsProbesEveryKSteps() {
        try (Plugbench host = Plugbench.builder().pluginsDir(Path.of(System.getProperty("plugbench.plugins", "target/plugins")))
                .discoverClasspath(false).build()) {
            SingleIndexTeacher teacher = new SingleIndexTeacher(20, 0.1, 1);
            Dataset d = teacher.sample(60, 2);
            Network net = Network.builder(20, DataType.DOUBLE, 3).dense(40, Parameterization.NTK).activation(Activation.TANH)
                    .dense(1, Parameterization.NTK).build();
            ProbeMonitor monitor = ProbeMonitor.builder(host).probe("norm-change").probe("spike-alignment", Map.of("layer", 0))
                    .every(5).direction(teacher.beta()).start(net, d.features(), d.targets());
            Sgd sgd = new Sgd(0.5);
            for (int step = 1; step <= 20; step++) {
                net.trainStep(d.features(), d.targets(), Losses.MEAN_SQUARED_ERROR, sgd);
                monitor.afterStep(step, net);
            }
            Map<Long, Double> drift = monitor.series("norm-change", "delta_w_fro");
            assertThat(drift.keySet()).containsExactly(0L, 5L, 10L, 15L, 20L);
            assertThat(drift.get(0L)).isZero();
            assertThat(drift.get(20L)).isGreaterThan(drift.get(5L)).isPositive();
            assertThat(monitor.series("spike-alignment", "spike_alignment")).hasSize(5);
            assertThat(monitor.history()).hasSize(10);
            assertThatThrownBy(() -> ProbeMonitor.builder(host).probe("norm-change", Map.of("layer", -1)))
                    .hasMessageContaining("parameter 'layer'");
        }
    }
}
