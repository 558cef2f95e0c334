package dev.plugbench.host.tasks.spectral;

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
 * Trains a network under a regime and runs a probe at the regime's checkpoints. The metrics of a
 * cell are the probe's values at the last checkpoint, plus, for every spectrum the probe returns
 * without a KS distance of its own, {@code ks_to_init} between that spectrum at the end and at
 * step 0, plus each value at each checkpoint as {@code name@step} (for the trajectory plots).
 */
final class ProbeSchedule {
    private ProbeSchedule() {
    }

    static Map<String, Double> run(SpectralProbe probe, Params params, Network net, List<Parameter> trainable, Regime regime,
                                   boolean quick, Loss loss, INDArray x, INDArray y, INDArray direction) {
        return run(probe, params, net, trainable, regime, quick, loss, x, y, x, y, direction);
    }

    /** As above, with the probes seeing {@code probeX, probeY} (a subset of the training data) instead of all of it. */
    static Map<String, Double> run(SpectralProbe probe, Params params, Network net, List<Parameter> trainable, Regime regime,
                                   boolean quick, Loss loss, INDArray x, INDArray y, INDArray probeX, INDArray probeY, INDArray direction) {
        ModelSnapshot initial = net.snapshot();
        Optimizer optimizer = regime.optimizer();
        Map<String, Double> metrics = new LinkedHashMap<>();
        Measurement first = null;
        Measurement last = null;
        int done = 0;
        for (int checkpoint : regime.checkpoints(quick)) {
            trainSteps(net, trainable, optimizer, loss, x, y, checkpoint - done);
            done = checkpoint;
            last = probe.measure(new ProbeInput(net.snapshot(), initial, probeX, probeY, net, direction), params);
            if (first == null) {
                first = last;
            }
            for (Map.Entry<String, Double> e : last.values().entrySet()) {
                metrics.put(e.getKey() + "@" + checkpoint, e.getValue());
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
        return metrics;
    }

    /** Trains for {@code steps} full-batch steps of the regime's optimizer. */
    static void train(Network net, List<Parameter> trainable, Regime regime, Loss loss, INDArray x, INDArray y, int steps) {
        trainSteps(net, trainable, regime.optimizer(), loss, x, y, steps);
    }

    private static void trainSteps(Network net, List<Parameter> trainable, Optimizer optimizer, Loss loss, INDArray x, INDArray y, int steps) {
        for (int i = 0; i < steps; i++) {
            net.trainStep(x, out -> loss.gradient(out, y), optimizer, trainable);
        }
    }
}
