package dev.plugbench.tasks.spectral;

import dev.plugbench.api.MethodInfo;
import dev.plugbench.api.MetricSpec;
import dev.plugbench.api.Params;
import dev.plugbench.api.bench.CellContext;
import dev.plugbench.api.bench.CellOutput;
import dev.plugbench.api.bench.CellResult;
import dev.plugbench.api.bench.Scale;
import dev.plugbench.api.bench.Setting;
import dev.plugbench.api.spectral.SpectralProbe;
import dev.plugbench.toolkit.data.Dataset;
import dev.plugbench.toolkit.data.SingleIndexTeacher;
import dev.plugbench.toolkit.nn.Activation;
import dev.plugbench.toolkit.nn.Losses;
import dev.plugbench.toolkit.nn.Network;
import dev.plugbench.toolkit.nn.Parameterization;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The paper's two-layer network f(x) = a^T tanh(W x / sqrt(d)) / sqrt(h) in the linear-width
 * regime, trained on a single-index teacher y = softplus(beta.x) + 0.3 eps (targets centred on
 * the training mean, since the model has no bias), only W trained (a fixed, no biases), MSE,
 * full batch. Four regimes, fixed in advance from the paper notes' ranges, not tuned:
 * {@code gd-small-lr} (lr 1, 100 steps), {@code gd-large-lr} (lr 1000, 10 steps), {@code gd-one-step}
 * (one full-batch step at lr 1000: the single large step the paper describes the spike after, as in
 * Ba et al. 2022), {@code adam} (lr 0.1, 100 steps). Quick: d = 200, h = 300, n = 400; full: d = 400,
 * h = 600, n = 800. Full runs add {@code gd-small-lr-raw-targets} and {@code adam-raw-targets}: the
 * same regimes on uncentred targets, to measure whether Adam's lower test error needs the centring.
 */
public final class TwoLayerTask extends SpectralTask {
    static final List<Regime> REGIMES = List.of(new Regime("gd-small-lr", false, 1, 100),
            new Regime("gd-large-lr", false, 1000, 10), new Regime("gd-one-step", false, 1000, 1), new Regime("adam", true, 0.1, 100));
    static final double NOISE = 0.3;

    /** Problem sizes. */
    record Sizes(int d, int h, int n, int nTest) {
        static Sizes of(boolean quick) {
            return quick ? new Sizes(200, 300, 400, 200) : new Sizes(400, 600, 800, 400);
        }
    }

    /** Teacher, training and test data for a seed: targets centred on the training mean, or raw. */
    record Data(SingleIndexTeacher teacher, INDArray x, INDArray y, INDArray testX, INDArray testY, String hash) {
        static Data of(Sizes s, long seed) {
            return of(s, seed, true);
        }

        static Data of(Sizes s, long seed, boolean centred) {
            SingleIndexTeacher t = new SingleIndexTeacher(s.d(), NOISE, seed);
            Dataset train = t.sample(s.n(), 1000 + seed);
            Dataset test = t.sample(s.nTest(), 2000 + seed);
            double mean = centred ? train.targets().meanNumber().doubleValue() : 0;
            return new Data(t, train.features(), train.targets().sub(mean), test.features(), test.targets().sub(mean), train.contentHash());
        }
    }


    @Override
    public String name() {
        return "two-layer";
    }

    @Override
    public String description() {
        return "Two-layer tanh network a^T tanh(Wx/sqrt(d))/sqrt(h) (only W trained) on a single-index teacher, linear width; "
                + "regimes gd-small-lr (lr 1 x 100 steps), gd-large-lr (lr 1000 x 10), adam (lr 0.1 x 100); probes at 5 checkpoints.";
    }

    @Override
    public List<MetricSpec> metrics() {
        return List.of(MetricSpec.descriptive("ks_to_init", "KS distance of the final spectrum to the initial one"),
                MetricSpec.descriptive("delta_w_fro", "||W_t - W_0||_F"),
                MetricSpec.descriptive("delta_w_op", "||W_t - W_0||_op"),
                MetricSpec.descriptive("outlier_ratio", "largest weight eigenvalue over the Marchenko-Pastur edge"),
                MetricSpec.higher("spike_alignment", "|<v1(W), beta>| (about 1/sqrt(d) at random)"),
                MetricSpec.descriptive("hill_alpha", "Hill tail exponent of the weight ESD (smaller: heavier tail)"),
                MetricSpec.descriptive("mle_alpha", "power-law MLE tail exponent (KS-optimal x_min)"),
                MetricSpec.higher("kta", "kernel-target alignment"),
                MetricSpec.lower("test_mse", "test mean squared error of the network"));
    }

    @Override
    public List<Setting> settings(Scale scale) {
        List<Setting> settings = new ArrayList<>(REGIMES.stream().map(Regime::setting).toList());
        if (!scale.quick()) {
            settings.add(regime("gd-small-lr").rawTargets().setting());
            settings.add(regime("adam").rawTargets().setting());
        }
        return settings;
    }

    @Override
    public List<Map<String, Object>> sweep(MethodInfo method, Scale scale) {
        List<Map<String, Object>> out = new ArrayList<>();
        Map<String, Object> base = new LinkedHashMap<>();
        if (method.parameter("biases").isPresent()) {
            base.put("biases", false); // the paper's model has no biases (ours stay at zero, untrained)
        }
        if (method.parameter("kernel").isPresent()) {
            for (String kernel : List.of("ntk", "ck")) {
                Map<String, Object> m = new LinkedHashMap<>(base);
                m.put("kernel", kernel);
                out.add(m);
            }
            return out;
        }
        return List.of(base);
    }

    @Override
    public DatasetInfo dataset(Scale scale) {
        boolean quick = scale.quick();
        Sizes s = Sizes.of(quick);
        return new DatasetInfo("single-index-teacher(d=" + s.d() + ", n=" + s.n() + ", noise=" + NOISE + ", seed 0)", Data.of(s, 0).hash());
    }

    private final Trajectory.Cache trajectories = new Trajectory.Cache(32);
    /** The weight ESDs of seed 0's trajectories, per regime: computed once per JVM, sent with every seed-0 cell. */
    private final Map<String, Map<String, double[]>> esds = new java.util.concurrent.ConcurrentHashMap<>();
    /**
     * The series a seed-0 cell carries for the ESD plot, so that the plot reads rows wherever the cells
     * ran (another JVM, a cluster node): the first layer's Gram eigenvalues at initialisation and after
     * training, and {@code [aspect ratio, entry variance]} of the initial weights.
     */
    static final List<String> ESD_SERIES = List.of("esd_initial", "esd_trained", "esd_mp");

    @Override
    public CellOutput run(SpectralProbe method, CellContext context) {
        Params params = context.params();
        Setting setting = context.setting();
        long seed = context.seed();
        boolean quick = context.quick();
        Regime regime = Regime.of(setting);
        Sizes s = Sizes.of(quick);
        Map<String, Double> metrics = run(trajectories, method, params, regime, quick, s, seed);
        if (seed != 0) {
            return CellOutput.of(metrics);
        }
        Map<String, double[]> series = esds.computeIfAbsent(regime.name() + "/" + quick, k -> {
            Data data = Data.of(s, 0, regime.centred());
            Trajectory t = trajectory(trajectories, regime, quick, s, 0, data);
            String first = network(s, 0).parameters().get(0).name();
            SpectralPlots.Esd e = SpectralPlots.Esd.of(regime.name(), t.initial().parameter(first),
                    t.snapshots().get(t.snapshots().size() - 1).parameter(first));
            Map<String, double[]> m = new LinkedHashMap<>();
            m.put(ESD_SERIES.get(0), e.initial());
            m.put(ESD_SERIES.get(1), e.trained());
            m.put(ESD_SERIES.get(2), new double[] {e.ratio(), e.variance()});
            return m;
        });
        return new CellOutput(metrics, series);
    }

    /** One cell: the probe on the (cached) trajectory of the first layer trained under {@code regime} on data of sizes {@code s}. */
    static Map<String, Double> run(Trajectory.Cache trajectories, SpectralProbe method, Params params, Regime regime, boolean quick, Sizes s,
                                   long seed) {
        Data data = Data.of(s, seed, regime.centred());
        return ProbeSchedule.run(method, params, trajectory(trajectories, regime, quick, s, seed, data), network(s, seed), data.x(), data.y(),
                data.teacher().beta());
    }

    /** The first layer trained under {@code regime} on {@code data}, from the cache or trained once. */
    private static Trajectory trajectory(Trajectory.Cache trajectories, Regime regime, boolean quick, Sizes s, long seed, Data data) {
        return trajectories.get(regime.name() + "/" + s + "/" + seed + "/" + quick, () -> {
            Network net = network(s, seed);
            return Trajectory.record(net, List.of(net.parameters().get(0)), regime, quick, Losses.MEAN_SQUARED_ERROR, data.x(), data.y(),
                    trained -> Map.of("test_mse", Losses.MEAN_SQUARED_ERROR.value(trained.forward(data.testX()), data.testY())));
        });
    }

    static Network network(Sizes s, long seed) {
        return Network.builder(s.d(), DataType.DOUBLE, 7919 + seed).dense(s.h(), Parameterization.NTK).activation(Activation.TANH)
                .dense(1, Parameterization.NTK).build();
    }

    static Regime regime(String setting) {
        return REGIMES.stream().filter(r -> r.name().equals(setting)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown setting '" + setting + "'"));
    }

    @Override
    public List<Path> plots(List<CellResult> rows, Scale scale, Path dir) {
        List<SpectralPlots.Esd> plotted = new ArrayList<>();
        for (Regime r : REGIMES) {
            rows.stream().filter(c -> c.setting().equals(r.name()) && c.seed() == 0 && c.series().keySet().containsAll(ESD_SERIES)).findFirst()
                    .ifPresent(c -> plotted.add(new SpectralPlots.Esd(r.name(), c.series().get(ESD_SERIES.get(0)), c.series().get(ESD_SERIES.get(1)),
                            c.series().get(ESD_SERIES.get(2))[0], c.series().get(ESD_SERIES.get(2))[1])));
        }
        return SpectralPlots.write(rows, metrics(), plotted, dir);
    }
}
