package dev.plugbench.tasks.spectral;

import dev.plugbench.api.MethodInfo;
import dev.plugbench.api.MetricSpec;
import dev.plugbench.api.Params;
import dev.plugbench.api.bench.CellContext;
import dev.plugbench.api.bench.CellOutput;
import dev.plugbench.api.bench.Scale;
import dev.plugbench.api.bench.Setting;
import dev.plugbench.api.spectral.SpectralProbe;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The scaling check: the two-layer task's small-learning-rate regime at n in {200, 400, 800}
 * with d = n/2 and h = 3n/4 (the quick task's ratios), to see how ||W_t - W_0|| in operator and
 * Frobenius norm grow with n. Quick: n in {200, 400}.
 */
public final class TwoLayerScalingTask extends SpectralTask {
    private static final Set<String> PROBES = Set.of("norm-change", "weight-esd");


    @Override
    public String name() {
        return "two-layer-scaling";
    }

    @Override
    public String description() {
        return "The two-layer task's gd-small-lr regime (lr 1 x 100 steps) at n = 200, 400, 800 with d = n/2, h = 3n/4: "
                + "how the weight change norms scale with width.";
    }

    @Override
    public List<MetricSpec> metrics() {
        return List.of(MetricSpec.descriptive("delta_w_fro", "||W_t - W_0||_F"), MetricSpec.descriptive("delta_w_op", "||W_t - W_0||_op"),
                MetricSpec.descriptive("delta_w_fro_rel", "||W_t - W_0||_F / ||W_0||_F"), MetricSpec.descriptive("delta_w_op_rel", "||W_t - W_0||_op / ||W_0||_op"),
                MetricSpec.descriptive("ks_to_init", "KS distance of the final ESD to the initial one"),
                MetricSpec.lower("test_mse", "test mean squared error"));
    }

    @Override
    public List<Setting> settings(Scale scale) {
        return (scale.quick() ? List.of(200, 400) : List.of(200, 400, 800)).stream().map(n -> Setting.of("n" + n, "n", n)).toList();
    }

    @Override
    public boolean accepts(MethodInfo method) {
        return PROBES.contains(method.id());
    }

    private static TwoLayerTask.Sizes sizes(int n) {
        return new TwoLayerTask.Sizes(n / 2, 3 * n / 4, n, n / 2);
    }

    @Override
    public DatasetInfo dataset(Scale scale) {
        TwoLayerTask.Sizes s = sizes(200);
        return new DatasetInfo("single-index-teacher(d=n/2, n in " + settings(scale).stream().map(Setting::name).toList() + ", noise=" + TwoLayerTask.NOISE + ", seed 0, n=200 hashed)",
                TwoLayerTask.Data.of(s, 0).hash());
    }

    private final Trajectory.Cache trajectories = new Trajectory.Cache(32);

    @Override
    public CellOutput run(SpectralProbe method, CellContext context) {
        Params params = context.params();
        Setting setting = context.setting();
        long seed = context.seed();
        boolean quick = context.quick();
        return CellOutput.of(TwoLayerTask.run(trajectories, method, params, TwoLayerTask.regime("gd-small-lr"), quick,
                sizes(Math.toIntExact(setting.integer("n"))), seed));
    }
}
