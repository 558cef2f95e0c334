package dev.plugbench.host.tasks.spectral;

import dev.plugbench.api.MethodInfo;
import dev.plugbench.api.Params;
import dev.plugbench.api.spectral.SpectralProbe;
import dev.plugbench.host.bench.MetricSpec;
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
        return List.of(MetricSpec.lower("delta_w_fro", "||W_t - W_0||_F"), MetricSpec.lower("delta_w_op", "||W_t - W_0||_op"),
                MetricSpec.lower("delta_w_fro_rel", "||W_t - W_0||_F / ||W_0||_F"), MetricSpec.lower("delta_w_op_rel", "||W_t - W_0||_op / ||W_0||_op"),
                MetricSpec.lower("ks_to_init", "KS distance of the final ESD to the initial one"),
                MetricSpec.lower("test_mse", "test mean squared error"));
    }

    @Override
    public List<String> settings(boolean quick) {
        return quick ? List.of("n200", "n400") : List.of("n200", "n400", "n800");
    }

    @Override
    public boolean accepts(MethodInfo method) {
        return PROBES.contains(method.id());
    }

    private static TwoLayerTask.Sizes sizes(String setting) {
        int n = Integer.parseInt(setting.substring(1));
        return new TwoLayerTask.Sizes(n / 2, 3 * n / 4, n, n / 2);
    }

    @Override
    public DatasetInfo dataset(boolean quick) {
        TwoLayerTask.Sizes s = sizes("n200");
        return new DatasetInfo("single-index-teacher(d=n/2, n in " + settings(quick) + ", noise=" + TwoLayerTask.NOISE + ", seed 0, n=200 hashed)",
                TwoLayerTask.Data.of(s, 0).hash());
    }

    private final Trajectory.Cache trajectories = new Trajectory.Cache(32);

    @Override
    public Map<String, Double> run(SpectralProbe method, Params params, String setting, long seed, boolean quick) {
        return TwoLayerTask.run(trajectories, method, params, TwoLayerTask.regime("gd-small-lr"), quick, sizes(setting), seed);
    }
}
