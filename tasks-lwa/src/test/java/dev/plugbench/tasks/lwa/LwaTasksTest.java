package dev.plugbench.tasks.lwa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.plugbench.api.bench.CellResult;
import dev.plugbench.api.bench.Scale;
import dev.plugbench.api.bench.Setting;
import dev.plugbench.api.lwa.Costs;
import dev.plugbench.api.lwa.RejectionRule;
import dev.plugbench.host.RegisteredMethod;
import dev.plugbench.host.ProductPluginsTest;
import dev.plugbench.harness.TaskCells;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LwaTasksTest extends ProductPluginsTest {
    @Test
    void thePluginRegistersEveryRule() {
        assertThat(host.problems()).isEmpty();
        assertThat(host.methods(RejectionRule.class)).extracting(RegisteredMethod::id).containsExactly("confidence", "l2h-joint",
                "l2h-multiclass", "l2h-separate", "learned-deferral");
    }

    @Test
    void theBayesRuleMatchesABruteForceSearchOverEveryDecision() {
        SplittableRandom rng = new SplittableRandom(5);
        for (int trial = 0; trial < 20_000; trial++) {
            double eta = rng.nextDouble();
            int clientSays = rng.nextInt(2);
            Costs costs = new Costs(rng.nextDouble() * 0.5, 0.1 + rng.nextDouble() * 2);
            // every decision: keep, or offload to an expert saying 0 or 1; expected loss summed over y
            double keep = eta * (clientSays == 1 ? 0 : 1) + (1 - eta) * (clientSays == 0 ? 0 : 1);
            double offloadTo0 = costs.offload() + costs.expertError() * eta;
            double offloadTo1 = costs.offload() + costs.expertError() * (1 - eta);
            double best = Math.min(keep, Math.min(offloadTo0, offloadTo1));
            assertThat(BayesRule.risk(eta, clientSays, costs)).isCloseTo(best, within(1e-12));
            if (Math.abs(keep - Math.min(offloadTo0, offloadTo1)) > 1e-12) {
                assertThat(BayesRule.offloads(eta, clientSays, costs)).isEqualTo(keep > Math.min(offloadTo0, offloadTo1));
            }
        }
    }

    /** argmin over [lo, hi] of a convex function, by ternary search. */
    private static double argmin(java.util.function.DoubleUnaryOperator f, double lo, double hi) {
        for (int i = 0; i < 100; i++) {
            double a = lo + (hi - lo) / 3;
            double b = hi - (hi - lo) / 3;
            if (f.applyAsDouble(a) < f.applyAsDouble(b)) {
                hi = b;
            } else {
                lo = a;
            }
        }
        return 0.5 * (lo + hi);
    }

    @Test
    void theSquashedExponentialPopulationRuleMinimisesTheConditionalSurrogateRisk() {
        Costs costs = new Costs(0.05, 1);
        ExponentialPopulationRule rule = ExponentialPopulationRule.calibrated(costs, 0.27, true).orElseThrow();
        int checked = 0;
        for (int a = 1; a < 100; a++) {
            double eta = a / 100.0;
            for (int clientSays = 0; clientSays < 2; clientSays++) {
                double q = BayesRule.clientError(eta, clientSays);
                // r and e live in [-1, 1] (2 sigmoid - 1); the conditional risk is jointly convex there
                java.util.function.DoubleUnaryOperator riskOfR = r -> {
                    java.util.function.DoubleUnaryOperator riskOfE = e -> q * Math.exp(rule.alpha() * r)
                            + costs.expertError() * (eta * Math.exp(-r - e) + (1 - eta) * Math.exp(-r + e)) + costs.offload() * Math.exp(-r);
                    return riskOfE.applyAsDouble(argmin(riskOfE, -1, 1));
                };
                double r = argmin(riskOfR, -1, 1);
                if (Math.abs(r) > 1e-4) {
                    assertThat(r <= 0).as("eta=%s client=%s r*=%s", eta, clientSays, r).isEqualTo(rule.offloads(eta, clientSays));
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(180);
        assertThat(ExponentialPopulationRule.calibrated(new Costs(0.3, 1), 0.27, true)).isEmpty();
    }

    @Test
    void settingsAreCostPairsAndBadOnesAreRefused() {
        assertThat(TaskCells.settingNames(new SyntheticTask(), false)).containsExactly("ce=0.02,c1=1", "ce=0.05,c1=1", "ce=0.1,c1=1", "ce=0.2,c1=1");
        assertThat(new SyntheticTask().settings(Scale.FULL)).allSatisfy(s -> assertThat(s.fields()).containsOnlyKeys("ce", "c1"));
        assertThat(LwaTask.setting(new Costs(0.05, 1.25))).isEqualTo(Setting.of("ce=0.05,c1=1.25", "ce", 0.05, "c1", 1.25));
        assertThat(LwaTask.costs(LwaTask.setting(new Costs(0.05, 1.25)))).isEqualTo(new Costs(0.05, 1.25));
        assertThatThrownBy(() -> LwaTask.costs(Setting.named("default"))).hasMessageContaining("setting 'default' has no field 'ce'");
        assertThatThrownBy(() -> LwaTask.costs(Setting.of("bad", "ce", -0.1, "c1", 1))).hasMessageContaining("c_e = -0.1");
        assertThatThrownBy(() -> LwaTask.costs(Setting.of("bad", "ce", 0.1, "c1", 0))).hasMessageContaining("c_1 = 0.0");
    }

    @Test
    void fullRunsStudyTheSurrogatesBudgetAndTheAuthorsClip() {
        dev.plugbench.api.MethodInfo joint = host.method(RejectionRule.class, "l2h-joint").info();
        dev.plugbench.api.MethodInfo multiclass = host.method(RejectionRule.class, "l2h-multiclass").info();
        assertThat(new SyntheticTask().sweep(joint, Scale.FULL)).containsExactly(Map.of(), Map.of("steps", 3200));
        assertThat(new SyntheticTask().sweep(multiclass, Scale.FULL)).containsExactly(Map.of(), Map.of("steps", 3200));
        assertThat(new SyntheticTask().sweep(joint, Scale.QUICK)).containsExactly(Map.of("steps", LwaTask.QUICK_STEPS));
        assertThat(new SyntheticTask().sweep(host.method(RejectionRule.class, "confidence").info(), Scale.FULL)).containsExactly(Map.of());
        // digits-binary: a cost above the client's error, where the exponential surrogate runs with the authors' clipped alpha
        assertThat(TaskCells.settingNames(new DigitsBinaryTask(), false)).contains("ce=0.15,c1=1");
        assertThat(new DigitsBinaryTask().sweep(joint, Scale.FULL)).containsExactly(Map.of("uncalibratable", "clip"));
        assertThat(new DigitsBinaryTask().sweep(joint, Scale.QUICK)).containsExactly(Map.of("steps", LwaTask.QUICK_STEPS));
    }

    @Test
    void binaryOnlyMethodsSitOutTheMulticlassTask() {
        DigitsMulticlassTask task = new DigitsMulticlassTask();
        assertThat(host.methods(RejectionRule.class).stream().filter(m -> task.accepts(m.method())).map(RegisteredMethod::id))
                .containsExactly("confidence", "l2h-multiclass", "learned-deferral");
    }

    @Test
    void digitsClientsAreWeakButUseful() {
        LwaData binary = new DigitsBinaryTask().data(0, true);
        double acc = Clients.accuracy(binary.client(), binary.testX(), binary.testY());
        assertThat(acc).isBetween(0.75, 0.95);
        LwaData multi = new DigitsMulticlassTask().data(0, true);
        assertThat(Clients.accuracy(multi.client(), multi.testX(), multi.testY())).isBetween(0.7, 0.9);
    }

    @Test
    void syntheticCellsReportTheDistanceToBayesAndPlotTheRegions(@TempDir Path dir) throws Exception {
        SyntheticTask task = new SyntheticTask();
        List<CellResult> rows = new ArrayList<>();
        for (String id : List.of("l2h-multiclass", "l2h-joint")) {
            RejectionRule rule = host.method(RejectionRule.class, id);
            Map<String, Double> m = TaskCells.run(task, rule, rule.info().bind(Map.of("steps", 300)), "ce=0.1,c1=1", 0, true);
            rows.add(new CellResult(id, Map.of(), "ce=0.1,c1=1", 0, m, 1, null));
            assertThat(m.get("bayes_risk_gap")).isBetween(0.0, 0.05);
            assertThat(m.get("bayes_agreement")).isGreaterThan(0.6);
            // every rule beats the client alone (risk = its error, about 0.27) and cannot beat Bayes
            assertThat(m.get("risk")).isLessThan(0.22);
            assertThat(m.get("bayes_risk")).isBetween(0.12, 0.17);
            assertThat(m.get("accuracy_reject_auc")).isLessThanOrEqualTo(m.get("oracle_accuracy_reject_auc"));
            assertThat(m.get(LwaTask.CURVE + 0.0)).isCloseTo(m.get(LwaTask.ORACLE_CURVE + 0.0), within(1e-12));
            assertThat(m).containsKey(SyntheticTask.REGION + (SyntheticTask.GRID * SyntheticTask.GRID - 1));
            assertThat(m.get("ls_population_agreement")).isBetween(0.5, 1.0);
            assertThat(m.get("ls_population_risk_gap")).isGreaterThanOrEqualTo(0.0);
        }
        List<Path> files = task.plots(rows, Scale.QUICK, dir);
        assertThat(files).extracting(Path::toString).contains("risk-vs-ce.png", "accuracy-vs-reject-ce-0.1_c1-1.png",
                "decision-regions-ce-0.1_c1-1.png");
        for (Path f : files) {
            assertThat(Files.size(dir.resolve(f))).isGreaterThan(1000);
        }
    }

    @Test
    void aClientWhoseOutputDoesNotFitTheTaskIsRefusedBeforeTraining() {
        LwaData d = new DigitsBinaryTask().data(0, true);
        LwaData multi = new DigitsMulticlassTask().data(0, true);
        RejectionRule rule = host.method(RejectionRule.class, "l2h-joint");
        assertThatThrownBy(() -> rule.fit(new dev.plugbench.api.lwa.RejectionProblem(multi.client(), d.trainX(), d.trainY(), 2,
                new Costs(0.05, 1)), rule.info().defaults(), 0)).hasMessageContaining("outputs 10 logits but the task has 2 classes");
    }
}
