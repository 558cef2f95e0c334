package dev.plugbench.tasks.lwa;

import dev.plugbench.api.MethodInfo;
import dev.plugbench.api.MetricSpec;
import dev.plugbench.api.Params;
import dev.plugbench.api.bench.BenchTask;
import dev.plugbench.api.bench.CellContext;
import dev.plugbench.api.bench.CellOutput;
import dev.plugbench.api.bench.CellResult;
import dev.plugbench.api.bench.Scale;
import dev.plugbench.api.bench.Setting;
import dev.plugbench.api.lwa.Costs;
import dev.plugbench.api.lwa.Decisions;
import dev.plugbench.api.lwa.FittedRule;
import dev.plugbench.api.lwa.RejectionProblem;
import dev.plugbench.api.lwa.RejectionRule;
import dev.plugbench.toolkit.metrics.Deferral;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What every lwa task shares. A setting is a cost pair, written {@code ce=0.05,c1=1}; the task's
 * settings sweep c_e. Per cell: the task's data and frozen client for the seed (built once per
 * seed and shared by all methods), the method's rule fitted on the training split at the
 * setting's costs, its decisions on the test split, and the metrics below. The accuracy-reject
 * curve comes from ranking the test inputs by the rule's keep-score; the same curve for the
 * oracle (offload first where the client is wrong and this rule's expert right) is stored beside it.
 */
abstract class LwaTask implements BenchTask<RejectionRule> {
    /** Reject rates of the stored curves: 0, 0.05, ..., 0.5. */
    static final double[] CURVE_RATES = {0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5};
    static final String CURVE = "accuracy_at_reject@";
    static final String ORACLE_CURVE = "oracle_accuracy_at_reject@";
    static final double AUC_MAX_REJECT = 0.5;

    static final List<MetricSpec> COMMON = List.of(
            MetricSpec.higher("system_accuracy", "accuracy of the system (client where kept, expert where offloaded) on the test split"),
            MetricSpec.descriptive("reject_rate", "fraction of test inputs offloaded (the operating point, not a score)"),
            MetricSpec.lower("risk", "empirical generalized 0-1 risk at the setting's costs on the test split"),
            MetricSpec.higher("accuracy_reject_auc", "area under system accuracy vs reject rate over [0, 0.5], divided by 0.5"),
            MetricSpec.descriptive("client_accuracy_local", "client accuracy on the inputs kept local"),
            MetricSpec.descriptive("expert_accuracy_offloaded", "expert accuracy on the inputs offloaded"));

    private final Map<String, LwaData> cache = new ConcurrentHashMap<>();

    @Override
    public final Class<RejectionRule> extensionPoint() {
        return RejectionRule.class;
    }

    @Override
    public final String family() {
        return RejectionRule.FAMILY;
    }

    @Override
    public List<MetricSpec> metrics() {
        return COMMON;
    }

    /** Number of classes of the task. */
    abstract int classes();

    /** The offload costs c_e swept (full and quick runs). */
    abstract double[] offloadCosts(boolean quick);

    /** The expert error cost c_1 of every setting. */
    double expertErrorCost() {
        return 1.0;
    }

    /** Builds the split and trains the client for one seed. */
    abstract LwaData build(long seed, boolean quick);

    /**
     * The training budget of this task, the same for every method (parameters a method does not
     * declare are left out for it): the methods' defaults in full runs, {@link #QUICK_STEPS} steps per
     * network in quick ones.
     */
    Map<String, Object> budget(boolean quick) {
        return quick ? Map.of("steps", QUICK_STEPS) : Map.of();
    }

    /** Mini-batch steps per network in quick runs (the methods' default is 800). */
    static final int QUICK_STEPS = 200;

    @Override
    public List<Map<String, Object>> sweep(MethodInfo method, Scale scale) {
        boolean quick = scale.quick();
        Map<String, Object> assignment = new LinkedHashMap<>();
        budget(quick).forEach((k, v) -> {
            if (method.parameter(k).isPresent()) {
                assignment.put(k, v);
            }
        });
        return List.of(assignment);
    }

    @Override
    public boolean accepts(RejectionRule method) {
        return method.handles(classes());
    }

    @Override
    public List<Setting> settings(Scale scale) {
        boolean quick = scale.quick();
        List<Setting> s = new ArrayList<>();
        for (double ce : offloadCosts(quick)) {
            s.add(setting(new Costs(ce, expertErrorCost())));
        }
        return s;
    }

    /** The setting of a cost pair: named {@code ce=X,c1=Y}, with fields {@code ce} and {@code c1}. */
    static Setting setting(Costs costs) {
        return Setting.of(String.format(Locale.ROOT, "ce=%s,c1=%s", trim(costs.offload()), trim(costs.expertError())),
                "ce", costs.offload(), "c1", costs.expertError());
    }

    private static String trim(double v) {
        return new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }

    /** The costs of a setting. */
    static Costs costs(Setting setting) {
        return new Costs(setting.real("ce"), setting.real("c1"));
    }

    /** The costs of each setting, by setting name (what the plots read rows with). */
    final Map<String, Costs> costsByName(Scale scale) {
        Map<String, Costs> m = new LinkedHashMap<>();
        settings(scale).forEach(s -> m.put(s.name(), costs(s)));
        return m;
    }

    final LwaData data(long seed, boolean quick) {
        return cache.computeIfAbsent(seed + "/" + quick, k -> build(seed, quick));
    }

    @Override
    public DatasetInfo dataset(Scale scale) {
        boolean quick = scale.quick();
        return new DatasetInfo(name() + (quick ? " (quick)" : ""), data(0, quick).contentHash());
    }

    @Override
    public CellOutput run(RejectionRule method, CellContext context) {
        Params params = context.params();
        Setting setting = context.setting();
        long seed = context.seed();
        boolean quick = context.quick();
        LwaData d = data(seed, quick);
        Costs costs = costs(setting);
        RejectionProblem problem = new RejectionProblem(d.client(), d.trainX(), d.trainY(), d.classes(), costs);
        FittedRule rule = method.fit(problem, params, seed);
        Outcome o = Outcome.of(method.info().id(), rule.decide(d.testX()), d, costs);
        Map<String, Double> m = new LinkedHashMap<>(o.metrics());
        extraMetrics(rule, seed, d, o, m);
        return CellOutput.of(m);
    }

    /** Task-specific metrics added to the common ones (e.g. the distance to the Bayes rule). */
    void extraMetrics(FittedRule rule, long seed, LwaData d, Outcome o, Map<String, Double> m) {
    }

    @Override
    public List<Path> plots(List<CellResult> rows, Scale scale, Path dir) {
        try {
            return LwaPlots.standard(rows, costsByName(scale), dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A rule's decisions on the test split, checked, with who is right where.
     *
     * @param decisions     the rule's decisions
     * @param clientSays    the client's class per test input
     * @param clientCorrect whether the client is right
     * @param expertCorrect whether the rule's expert is right
     * @param offloaded     whether the rule offloads
     */
    record Outcome(Decisions decisions, int[] clientSays, boolean[] clientCorrect, boolean[] expertCorrect, boolean[] offloaded,
                   Costs costs) {
        static Outcome of(String methodId, Decisions dec, LwaData d, Costs costs) {
            int n = d.testY().length;
            if (dec.size() != n) {
                throw new IllegalStateException(methodId + " decided " + dec.size() + " inputs for " + n + " test inputs");
            }
            INDArray score = dec.score();
            int[] clientSays = d.clientTest();
            boolean[] clientCorrect = new boolean[n];
            boolean[] expertCorrect = new boolean[n];
            boolean[] offloaded = new boolean[n];
            for (int i = 0; i < n; i++) {
                int e = dec.expertLabels()[i];
                if (e < 0 || e >= d.classes()) {
                    throw new IllegalStateException(methodId + "'s expert answered class " + e + " for test input " + i + "; the task has "
                            + d.classes() + " classes");
                }
                if (Double.isNaN(score.getDouble(i))) {
                    throw new IllegalStateException(methodId + " gave a NaN keep-score for test input " + i);
                }
                clientCorrect[i] = clientSays[i] == d.testY()[i];
                expertCorrect[i] = e == d.testY()[i];
                offloaded[i] = dec.offloaded(i);
            }
            return new Outcome(dec, clientSays, clientCorrect, expertCorrect, offloaded, costs);
        }

        Map<String, Double> metrics() {
            Deferral deferral = new Deferral(clientCorrect, expertCorrect);
            double[] keep = decisions.score().castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleVector();
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("system_accuracy", deferral.systemAccuracy(offloaded));
            int n = offloaded.length;
            int off = 0;
            int localRight = 0;
            int offRight = 0;
            for (int i = 0; i < n; i++) {
                if (offloaded[i]) {
                    off++;
                    offRight += expertCorrect[i] ? 1 : 0;
                } else {
                    localRight += clientCorrect[i] ? 1 : 0;
                }
            }
            m.put("reject_rate", (double) off / n);
            m.put("risk", deferral.risk(offloaded, costs.offload(), costs.expertError()));
            m.put("accuracy_reject_auc", deferral.accuracyRejectAuc(keep, AUC_MAX_REJECT));
            if (off < n) {
                m.put("client_accuracy_local", (double) localRight / (n - off));
            }
            if (off > 0) {
                m.put("expert_accuracy_offloaded", (double) offRight / off);
            }
            double[] curve = deferral.accuracyAtRejectRates(keep, CURVE_RATES);
            double[] oracle = deferral.accuracyAtRejectRates(oracleKeepScore(), CURVE_RATES);
            for (int r = 0; r < CURVE_RATES.length; r++) {
                m.put(CURVE + CURVE_RATES[r], curve[r]);
                m.put(ORACLE_CURVE + CURVE_RATES[r], oracle[r]);
            }
            m.put("oracle_accuracy_reject_auc", deferral.accuracyRejectAuc(oracleKeepScore(), AUC_MAX_REJECT));
            return m;
        }

        /** -1 where only the expert is right (offload first), +1 where only the client is (offload last), 0 elsewhere. */
        double[] oracleKeepScore() {
            double[] s = new double[clientCorrect.length];
            for (int i = 0; i < s.length; i++) {
                s[i] = clientCorrect[i] == expertCorrect[i] ? 0 : clientCorrect[i] ? 1 : -1;
            }
            return s;
        }
    }
}
