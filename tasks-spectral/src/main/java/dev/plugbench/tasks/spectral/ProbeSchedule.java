package dev.plugbench.tasks.spectral;

import dev.plugbench.api.Params;
import dev.plugbench.api.model.ModelSnapshot;
import dev.plugbench.api.spectral.Measurement;
import dev.plugbench.api.spectral.ProbeInput;
import dev.plugbench.api.spectral.SpectralProbe;
import dev.plugbench.toolkit.metrics.KolmogorovSmirnov;
import dev.plugbench.toolkit.nn.Loss;
import dev.plugbench.toolkit.nn.Network;
import dev.plugbench.toolkit.nn.Optimizer;
import dev.plugbench.toolkit.nn.Parameter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runs a probe at the checkpoints of a trajectory. The metrics of a cell are the probe's values at
 * the last checkpoint, plus, for every spectrum the probe returns without a KS distance of its own,
 * {@code ks_to_init} between that spectrum at the end and at step 0, plus each value at each
 * checkpoint as {@code name@step} (for the trajectory plots), plus the trajectory's final values.
 */
final class ProbeSchedule {
    private ProbeSchedule() {
    }

    /**
     * Measures at each checkpoint with {@code net} (a network of the trajectory's architecture)
     * restored to it. The probe gets private copies of the snapshots, so it cannot change what other
     * cells read.
     */
    static Map<String, Double> run(SpectralProbe probe, Params params, Trajectory trajectory, Network net, INDArray probeX, INDArray probeY,
                                   INDArray direction) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        Measurement first = null;
        Measurement last = null;
        for (int i = 0; i < trajectory.steps().length; i++) {
            ModelSnapshot at = trajectory.snapshots().get(i);
            net.restore(at);
            last = probe.measure(new ProbeInput(copy(at), copy(trajectory.initial()), probeX, probeY, net, direction), params);
            if (first == null) {
                first = last;
            }
            for (Map.Entry<String, Double> e : last.values().entrySet()) {
                metrics.put(e.getKey() + "@" + trajectory.steps()[i], e.getValue());
            }
        }
        metrics.putAll(last.values());
        if (!metrics.containsKey("ks_to_init")) {
            for (Map.Entry<String, double[]> e : last.spectra().entrySet()) {
                double[] start = first.spectra().get(e.getKey());
                if (start != null) {
                    metrics.put("ks_to_init", KolmogorovSmirnov.distance(e.getValue(), start));
                    break;
                }
            }
        }
        metrics.putAll(trajectory.finalValues());
        return metrics;
    }

    private static ModelSnapshot copy(ModelSnapshot s) {
        return new ModelSnapshot(s.parameters(), s.step());
    }

    /** Trains for {@code steps} full-batch steps of {@code optimizer}. */
    static void trainSteps(Network net, List<Parameter> trainable, Optimizer optimizer, Loss loss, INDArray x, INDArray y, int steps) {
        for (int i = 0; i < steps; i++) {
            net.trainStep(x, out -> loss.gradient(out, y), optimizer, trainable);
        }
    }
}
