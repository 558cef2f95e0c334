package dev.plugbench.tasks.lwa;

import dev.plugbench.api.MethodInfo;
import dev.plugbench.api.MetricSpec;
import dev.plugbench.api.bench.CellResult;
import dev.plugbench.api.bench.Scale;
import dev.plugbench.api.lwa.Costs;
import dev.plugbench.api.lwa.FittedRule;
import dev.plugbench.toolkit.data.Dataset;
import dev.plugbench.toolkit.data.GaussianMixture;
import dev.plugbench.toolkit.nn.Network;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The binary Gaussian mixture of the toolkit in two dimensions, mu = (1, 0.6), equal priors, so
 * P(y = 1 | x) = sigmoid(2 mu.x) is known and the Bayes rule of every cost setting is exact. The
 * client is a logistic regression that sees only the second feature (a device with one sensor of
 * two): error about 0.27 against a Bayes error of about 0.12. 4000 training points (1000 quick),
 * 20000 test points (5000 quick), a fresh draw per seed. c_1 = 1; c_e in {0.02, 0.05, 0.1, 0.2}
 * (quick: 0.05 and 0.1): with c_e = 0 and c_1 = 1 the Bayes rule is indifferent wherever the
 * client agrees with the Bayes classifier, so that setting is left out here.
 */
public final class SyntheticTask extends LwaTask {
    static final GaussianMixture MIXTURE = new GaussianMixture(new double[] {1.0, 0.6}, 0.5);
    /** The decision-region grid stored for seed 0: GRID x GRID points over [-EXTENT, EXTENT]^2. */
    static final int GRID = 32;
    static final double EXTENT = 3.2;
    static final String REGION = "region@";

    @Override
    public String name() {
        return "synthetic";
    }

    @Override
    public String description() {
        return "2-D binary Gaussian mixture with known posterior; client = logistic regression on one of the two features.";
    }

    @Override
    int classes() {
        return 2;
    }

    /**
     * The paper's two surrogates (exponential {@code l2h-joint}, two-logit {@code l2h-multiclass}) run in
     * full runs at their default budget and at {@value #LONGER_BUDGET} times as many steps, to tell
     * whether their ordering on the Bayes-risk gap is a matter of training budget.
     */
    static final List<String> BUDGET_STUDY = List.of("l2h-joint", "l2h-multiclass");
    static final int LONGER_BUDGET = 4;

    @Override
    public List<Map<String, Object>> sweep(MethodInfo method, Scale scale) {
        List<Map<String, Object>> base = super.sweep(method, scale);
        var steps = method.parameter("steps");
        if (scale.quick() || !BUDGET_STUDY.contains(method.id()) || steps.isEmpty()) {
            return base;
        }
        Map<String, Object> longer = new LinkedHashMap<>(base.get(0));
        longer.put("steps", LONGER_BUDGET * ((Number) steps.get().defaultValue()).intValue());
        return List.of(base.get(0), longer);
    }

    @Override
    double[] offloadCosts(boolean quick) {
        return quick ? new double[] {0.05, 0.1} : new double[] {0.02, 0.05, 0.1, 0.2};
    }

    @Override
    public List<MetricSpec> metrics() {
        List<MetricSpec> m = new ArrayList<>(COMMON);
        m.add(MetricSpec.higher("bayes_agreement", "fraction of test inputs where the rule keeps/offloads as the Bayes rule does"));
        m.add(MetricSpec.lower("bayes_risk_gap", "expected risk of the rule minus the Bayes risk, both from the true posterior"));
        m.add(MetricSpec.descriptive("bayes_risk", "expected risk of the Bayes rule on the test inputs (the same for every method)"));
        m.add(MetricSpec.descriptive("ls_population_agreement", "reference, the same for every method: agreement with the Bayes rule"
                + " of the exponential surrogate's population rule (alpha calibrated from the client's training error, squashed outputs)"));
        m.add(MetricSpec.descriptive("ls_population_risk_gap", "reference, the same for every method: that population rule's expected"
                + " risk minus the Bayes risk"));
        return m;
    }

    @Override
    LwaData build(long seed, boolean quick) {
        Dataset train = MIXTURE.sample(quick ? 1000 : 4000, 2 * seed + 1);
        Dataset test = MIXTURE.sample(quick ? 5000 : 20000, 2 * seed + 2);
        return LwaData.of(train.features(), train.labels(), test.features(), test.labels(), client(train, seed), 2,
                MIXTURE.posterior(test.features()), train.contentHash());
    }

    /** Logistic regression on the second feature only, trained to convergence. */
    static dev.plugbench.api.model.Model client(Dataset train, long seed) {
        boolean[] visible = {false, true};
        INDArray masked = train.features().dup();
        masked.getColumn(0).assign(0);
        Network lr = Clients.logisticRegression(masked, train.labels(), 2, 1.01, 300, 0.5, seed);
        return Clients.seeingOnly(lr, visible);
    }

    @Override
    void extraMetrics(FittedRule rule, long seed, LwaData d, Outcome o, Map<String, Double> m) {
        double[] eta = d.testPosterior();
        Costs costs = o.costs();
        int n = eta.length;
        double gap = 0;
        double bayes = 0;
        int agree = 0;
        for (int i = 0; i < n; i++) {
            int clientSays = o.clientSays()[i];
            double best = BayesRule.risk(eta[i], clientSays, costs);
            bayes += best;
            gap += BayesRule.riskOf(o.offloaded()[i], eta[i], clientSays, o.decisions().expertLabels()[i], costs) - best;
            agree += o.offloaded()[i] == BayesRule.offloads(eta[i], clientSays, costs) ? 1 : 0;
        }
        m.put("bayes_agreement", (double) agree / n);
        m.put("bayes_risk_gap", gap / n);
        m.put("bayes_risk", bayes / n);
        double p = d.clientTrainError();
        ExponentialPopulationRule.calibrated(costs, p, true).ifPresent(ls -> {
            int lsAgree = 0;
            double lsGap = 0;
            for (int i = 0; i < n; i++) {
                int clientSays = o.clientSays()[i];
                boolean off = ls.offloads(eta[i], clientSays);
                lsAgree += off == BayesRule.offloads(eta[i], clientSays, costs) ? 1 : 0;
                int bayesExpert = eta[i] > 0.5 ? 1 : 0;
                lsGap += BayesRule.riskOf(off, eta[i], clientSays, bayesExpert, costs) - BayesRule.risk(eta[i], clientSays, costs);
            }
            m.put("ls_population_agreement", (double) lsAgree / n);
            m.put("ls_population_risk_gap", lsGap / n);
        });
        if (seed == 0) {
            boolean[] offloaded = regionOffloads(rule);
            for (int k = 0; k < offloaded.length; k++) {
                m.put(REGION + k, offloaded[k] ? 1.0 : 0.0);
            }
        }
    }

    /** The grid's points, row-major, y from top (EXTENT) to bottom. */
    static INDArray grid() {
        double[][] pts = new double[GRID * GRID][2];
        for (int r = 0; r < GRID; r++) {
            for (int c = 0; c < GRID; c++) {
                pts[r * GRID + c][0] = -EXTENT + 2 * EXTENT * (c + 0.5) / GRID;
                pts[r * GRID + c][1] = EXTENT - 2 * EXTENT * (r + 0.5) / GRID;
            }
        }
        return Nd4j.createFromArray(pts);
    }

    private static boolean[] regionOffloads(FittedRule rule) {
        var dec = rule.decide(grid());
        boolean[] off = new boolean[dec.size()];
        for (int i = 0; i < off.length; i++) {
            off[i] = dec.offloaded(i);
        }
        return off;
    }

    @Override
    public List<Path> plots(List<CellResult> rows, Scale scale, Path dir) {
        boolean quick = scale.quick();
        List<Path> files = new ArrayList<>(super.plots(rows, scale, dir));
        try {
            LwaData d = data(0, quick);
            files.addAll(DecisionRegions.write(rows, d, costsByName(scale), dir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }
}
