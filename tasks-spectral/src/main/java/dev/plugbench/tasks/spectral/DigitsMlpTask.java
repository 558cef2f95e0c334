package dev.plugbench.tasks.spectral;

import dev.plugbench.api.MethodInfo;
import dev.plugbench.api.MetricSpec;
import dev.plugbench.api.Params;
import dev.plugbench.api.bench.CellContext;
import dev.plugbench.api.bench.CellOutput;
import dev.plugbench.api.bench.Scale;
import dev.plugbench.api.bench.Setting;
import dev.plugbench.api.spectral.SpectralProbe;
import dev.plugbench.toolkit.data.Digits;
import dev.plugbench.toolkit.data.Split;
import dev.plugbench.toolkit.nn.Activation;
import dev.plugbench.toolkit.nn.Losses;
import dev.plugbench.toolkit.nn.Network;
import dev.plugbench.toolkit.nn.Parameterization;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The "analogous phenomena" check on real data: an MLP 64-100-100-10 (ReLU, NTK parameterisation)
 * trained full-batch with softmax cross-entropy on the UCI digits (pixels / 16, stratified 75/25
 * split per seed); probes look at the 100 x 100 middle weight matrix, kernels on the first 300 training examples. Regimes fixed in advance:
 * gd-small-lr (lr 2 x 200), gd-large-lr (lr 10 x 100: at the edge of stability, lr 20 diverges),
 * adam (lr 0.01 x 200), chosen so that small-learning-rate GD trains (86% test accuracy on seed 0).
 * Quick: half the steps, kernels on 150 examples.
 */
public final class DigitsMlpTask extends SpectralTask {
    /** Kernel probes see the first 300 training examples (an n x n kernel per checkpoint); 150 when quick. */
    private static final int PROBE_EXAMPLES = 300;
    private final Trajectory.Cache trajectories = new Trajectory.Cache(32);
    private static final List<Regime> FULL = List.of(new Regime("gd-small-lr", false, 2, 200),
            new Regime("gd-large-lr", false, 10, 100), new Regime("adam", true, 0.01, 200));


    @Override
    public String name() {
        return "digits-mlp";
    }

    @Override
    public String description() {
        return "MLP 64-100-100-10 (ReLU, NTK parameterisation) on the UCI digits, full batch, cross-entropy; probes on the "
                + "100 x 100 middle layer; regimes gd-small-lr (lr 2 x 200), gd-large-lr (lr 10 x 100, edge of stability), adam (lr 0.01 x 200).";
    }

    @Override
    public List<MetricSpec> metrics() {
        return List.of(MetricSpec.descriptive("ks_to_init", "KS distance of the final spectrum to the initial one"),
                MetricSpec.descriptive("delta_w_fro", "||W_t - W_0||_F"), MetricSpec.descriptive("delta_w_op", "||W_t - W_0||_op"),
                MetricSpec.descriptive("outlier_ratio", "largest weight eigenvalue over the Marchenko-Pastur edge"),
                MetricSpec.descriptive("hill_alpha", "Hill tail exponent (smaller: heavier tail)"),
                MetricSpec.descriptive("mle_alpha", "power-law MLE tail exponent"),
                MetricSpec.higher("kta", "kernel-target alignment (one-hot targets)"),
                MetricSpec.higher("test_accuracy", "test accuracy of the network"));
    }

    @Override
    public List<Setting> settings(Scale scale) {
        // quick runs take half the steps of each regime
        return FULL.stream().map(r -> scale.quick() ? new Regime(r.name(), r.adam(), r.lr(), r.steps() / 2) : r).map(Regime::setting).toList();
    }

    @Override
    public List<Map<String, Object>> sweep(MethodInfo method, Scale scale) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (method.parameter("layer").isPresent()) {
            m.put("layer", 1);
        }
        if (method.parameter("kernel").isPresent()) {
            Map<String, Object> ck = new LinkedHashMap<>(m);
            m.put("kernel", "ntk");
            ck.put("kernel", "ck");
            return List.of(m, ck);
        }
        return List.of(m);
    }

    @Override
    public DatasetInfo dataset(Scale scale) {
        return new DatasetInfo(Digits.load().name(), Digits.load().contentHash());
    }

    @Override
    public CellOutput run(SpectralProbe method, CellContext context) {
        Params params = context.params();
        Setting setting = context.setting();
        long seed = context.seed();
        boolean quick = context.quick();
        Split split = Split.stratified(Digits.load(), 0.25, seed);
        INDArray x = split.train().features().div(16);
        INDArray y = split.train().oneHot();
        Regime regime = Regime.of(setting);
        Trajectory trajectory = trajectories.get(setting.name() + "/" + seed + "/" + quick, () -> {
            Network net = network(seed);
            return Trajectory.record(net, net.parameters(), regime, quick, Losses.SOFTMAX_CROSS_ENTROPY, x, y,
                    trained -> Map.of("test_accuracy", testAccuracy(trained, split)));
        });
        int[] probeRows = java.util.stream.IntStream.range(0, quick ? PROBE_EXAMPLES / 2 : PROBE_EXAMPLES).toArray();
        return CellOutput.of(ProbeSchedule.run(method, params, trajectory, network(seed), x.getRows(probeRows), y.getRows(probeRows), null));
    }

    private static Network network(long seed) {
        return Network.builder(64, DataType.DOUBLE, 104_729 + seed).dense(100, Parameterization.NTK).activation(Activation.RELU)
                .dense(100, Parameterization.NTK).activation(Activation.RELU).dense(10, Parameterization.NTK).build();
    }

    private static double testAccuracy(Network net, Split split) {
        INDArray predicted = net.forward(split.test().features().div(16)).argMax(1);
        int correct = 0;
        for (int i = 0; i < split.test().size(); i++) {
            correct += predicted.getInt(i) == split.test().label(i) ? 1 : 0;
        }
        return correct / (double) split.test().size();
    }
}
