package dev.plugbench.harness;

import dev.plugbench.api.MetricSpec;
import dev.plugbench.api.Params;
import dev.plugbench.api.bench.BenchTask;
import dev.plugbench.api.bench.CellContext;
import dev.plugbench.api.bench.CellOutput;
import dev.plugbench.api.bench.Scale;
import dev.plugbench.api.bench.Setting;
import dev.plugbench.api.model.ModelSnapshot;
import dev.plugbench.api.spectral.Measurement;
import dev.plugbench.api.spectral.ProbeInput;
import dev.plugbench.api.spectral.SpectralProbe;
import dev.plugbench.toolkit.data.Dataset;
import dev.plugbench.toolkit.data.Digits;
import dev.plugbench.toolkit.data.MiniBatches;
import dev.plugbench.toolkit.nn.Activation;
import dev.plugbench.toolkit.nn.Losses;
import dev.plugbench.toolkit.nn.Network;
import dev.plugbench.toolkit.nn.Parameterization;
import dev.plugbench.toolkit.nn.Sgd;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The harness's own test task: a small MLP trained on 300 digits for a few SGD steps (seeded),
 * then each spectral probe measures the final weights against the initial ones. The task records
 * the training loss and the mean log of the probe's values (non-finite when a probe reports a
 * non-positive value, which the harness must catch).
 */
public final class DigitsDriftTask implements BenchTask<SpectralProbe> {
    @Override
    public Class<SpectralProbe> extensionPoint() {
        return SpectralProbe.class;
    }

    @Override
    public String family() {
        return SpectralProbe.FAMILY;
    }

    @Override
    public String name() {
        return "digits-drift";
    }

    @Override
    public String description() {
        return "MLP 64-16-10 trained on 300 digits; probes measure the trained weights against the initial ones.";
    }

    @Override
    public List<MetricSpec> metrics() {
        return List.of(MetricSpec.lower("train_loss", "cross-entropy after training"),
                MetricSpec.higher("probe_mean_log", "mean of log(value) over the probe's values"));
    }

    @Override
    public List<Setting> settings(Scale scale) {
        return (scale.quick() ? List.of(0.1) : List.of(0.1, 0.5)).stream().map(lr -> Setting.of("lr-" + lr, "learning_rate", lr)).toList();
    }

    private static Dataset data() {
        return Digits.load().subset(java.util.stream.IntStream.range(0, 300).toArray());
    }

    @Override
    public DatasetInfo dataset(Scale scale) {
        Dataset d = data();
        return new DatasetInfo(d.name() + "[0:300]", d.contentHash());
    }

    @Override
    public CellOutput run(SpectralProbe method, CellContext context) {
        Params params = context.params();
        Setting setting = context.setting();
        long seed = context.seed();
        Dataset d = data();
        INDArray x = d.features().div(16);
        INDArray y = d.oneHot();
        Network net = Network.builder(64, DataType.DOUBLE, seed).dense(16, Parameterization.STANDARD).activation(Activation.TANH)
                .dense(10, Parameterization.STANDARD).build();
        ModelSnapshot initial = net.snapshot();
        Sgd sgd = new Sgd(setting.real("learning_rate"));
        double loss = 0;
        for (int epoch = 0; epoch < 3; epoch++) {
            for (int[] batch : MiniBatches.epoch(d.size(), 50, seed, epoch)) {
                loss = net.trainStep(x.getRows(batch), y.getRows(batch), Losses.SOFTMAX_CROSS_ENTROPY, sgd);
            }
        }
        Measurement m = method.measure(new ProbeInput(net.snapshot(), initial, x, y), params);
        double logSum = 0;
        for (double v : m.values().values()) {
            logSum += Math.log(v);
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("train_loss", loss);
        metrics.put("probe_mean_log", logSum / m.values().size());
        return CellOutput.of(metrics);
    }
}
