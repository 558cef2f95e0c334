package dev.plugbench.plugins.lwa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugbench.api.Params;
import dev.plugbench.api.lwa.Costs;
import dev.plugbench.api.lwa.Decisions;
import dev.plugbench.api.lwa.FittedRule;
import dev.plugbench.api.lwa.RejectionProblem;
import dev.plugbench.api.lwa.RejectionRule;
import dev.plugbench.toolkit.data.Dataset;
import dev.plugbench.toolkit.data.GaussianMixture;
import dev.plugbench.toolkit.nn.Network;
import dev.plugbench.toolkit.nn.Parameterization;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class RulesTest {
    private static final GaussianMixture MIXTURE = new GaussianMixture(new double[] {1.0, 0.6}, 0.5);

    /** A linear client that reads only the second feature: logit_1 - logit_0 = 2 x_2. */
    static Network secondFeatureClient(int classes) {
        Network client = Network.builder(2, DataType.DOUBLE, 1).dense(classes, Parameterization.STANDARD).build();
        double[] w = new double[2 * classes + classes];
        w[classes] = -1; // W[1][0]
        w[classes + 1] = 1; // W[1][1]
        client.setFlatParameters(Nd4j.createFromArray(w));
        return client;
    }

    static RejectionProblem problem(int n, Costs costs) {
        Dataset d = MIXTURE.sample(n, 11);
        return new RejectionProblem(secondFeatureClient(2), d.features(), d.labels(), 2, costs);
    }

    static Stream<RejectionRule> rules() {
        return Stream.of(new L2hJointRule(), new L2hSeparateRule(), new L2hMulticlassRule(), new ConfidenceRule(),
                new LearnedDeferralRule());
    }

    private static Params quick(RejectionRule rule) {
        return rule.info().bind(Map.of("steps", 40));
    }

    @ParameterizedTest
    @MethodSource("rules")
    void decisionsAreDeterministicForASeedAndCoverEveryInput(RejectionRule rule) {
        RejectionProblem p = problem(300, new Costs(0.05, 1));
        INDArray test = MIXTURE.sample(200, 12).features();
        Decisions a = rule.fit(p, quick(rule), 5).decide(test);
        Decisions b = rule.fit(p, quick(rule), 5).decide(test);
        assertThat(a.score().toDoubleVector()).containsExactly(b.score().toDoubleVector());
        assertThat(a.expertLabels()).containsExactly(b.expertLabels());
        assertThat(a.size()).isEqualTo(200);
        assertThat(a.expertLabels()).containsAnyOf(0, 1).doesNotContain(-1, 2);
        Decisions other = rule.fit(p, quick(rule), 6).decide(test);
        assertThat(other.score().toDoubleVector()).isNotEqualTo(a.score().toDoubleVector());
    }

    @ParameterizedTest
    @MethodSource("rules")
    void aFittedRuleRefusesInputsOfTheWrongWidthAndNaN(RejectionRule rule) {
        FittedRule fitted = rule.fit(problem(100, new Costs(0.05, 1)), quick(rule), 1);
        assertThatThrownBy(() -> fitted.decide(Nd4j.zeros(4, 3))).hasMessageContaining("n x 2").hasMessageContaining("[4, 3]");
        INDArray nan = Nd4j.zeros(4, 2);
        nan.putScalar(2, 1, Double.NaN);
        assertThatThrownBy(() -> fitted.decide(nan)).hasMessageContaining("NaN");
    }

    @Test
    void binaryMethodsRefuseMulticlassProblems() {
        Dataset d = MIXTURE.sample(60, 3);
        int[] labels = d.labels().clone();
        for (int i = 0; i < labels.length; i += 3) {
            labels[i] = 2;
        }
        RejectionProblem three = new RejectionProblem(secondFeatureClient(3), d.features(), labels, 3, new Costs(0.05, 1));
        assertThat(new L2hJointRule().handles(3)).isFalse();
        assertThat(new L2hMulticlassRule().handles(3)).isTrue();
        assertThatThrownBy(() -> new L2hJointRule().fit(three, new L2hJointRule().info().defaults(), 1))
                .hasMessageContaining("binary problems only").hasMessageContaining("l2h-multiclass");
        FittedRule multi = new L2hMulticlassRule().fit(three, new L2hMulticlassRule().info().bind(Map.of("steps", 20)), 1);
        assertThat(java.util.Arrays.stream(multi.decide(d.features()).expertLabels()).allMatch(c -> c >= 0 && c < 3)).isTrue();
    }

    @Test
    void l2hRefusesToCalibrateAlphaWhenOffloadingNeverPays() {
        RejectionProblem p = problem(200, new Costs(0.9, 1));
        assertThatThrownBy(() -> new L2hJointRule().fit(p, new L2hJointRule().info().defaults(), 1))
                .hasMessageContaining("alpha cannot be calibrated").hasMessageContaining("c_e = 0.9000");
        // an explicit alpha is taken as given
        assertThat(new L2hJointRule().fit(p, new L2hJointRule().info().bind(Map.of("alpha", 2.0, "steps", 5)), 1)).isNotNull();
        // the authors' clip trains on with alpha = c_e / p
        FittedRule clipped = new L2hJointRule().fit(p, new L2hJointRule().info().bind(Map.of("uncalibratable", "clip", "steps", 5)), 1);
        assertThat(clipped.decide(p.features()).size()).isEqualTo(200);
    }

    @Test
    void badProblemsAreRefusedBeforeAnyTraining() {
        Dataset d = MIXTURE.sample(50, 4);
        assertThatThrownBy(() -> new Costs(-0.1, 1)).hasMessageContaining("c_e = -0.1");
        assertThatThrownBy(() -> new Costs(0.1, 0)).hasMessageContaining("c_1 = 0.0");
        assertThatThrownBy(() -> new RejectionProblem(secondFeatureClient(3), d.features(), d.labels(), 2, new Costs(0, 1)))
                .hasMessageContaining("outputs 3 logits but the task has 2 classes");
        int[] oneClass = new int[50];
        assertThatThrownBy(() -> new RejectionProblem(secondFeatureClient(2), d.features(), oneClass, 2, new Costs(0, 1)))
                .hasMessageContaining("only 1 class");
    }

    @Test
    void tunedThresholdMinimisesTheRiskLikeABruteForceSearch() {
        SplittableRandom rng = new SplittableRandom(3);
        Costs costs = new Costs(0.1, 1);
        for (int trial = 0; trial < 20; trial++) {
            int n = 40;
            double[] signal = new double[n];
            boolean[] client = new boolean[n];
            boolean[] expert = new boolean[n];
            for (int i = 0; i < n; i++) {
                signal[i] = rng.nextInt(15) / 15.0; // with ties
                client[i] = rng.nextDouble() < signal[i];
                expert[i] = rng.nextDouble() < 0.8;
            }
            double tau = TunedThreshold.minimisingRisk(signal, client, expert, costs);
            double best = Double.POSITIVE_INFINITY;
            for (double candidate : List.of(-1.0, 0.0, 1 / 30.0, 3 / 30.0, 5 / 30.0, 7 / 30.0, 9 / 30.0, 11 / 30.0, 13 / 30.0,
                    15 / 30.0, 17 / 30.0, 19 / 30.0, 21 / 30.0, 23 / 30.0, 25 / 30.0, 27 / 30.0, 29 / 30.0, 2.0)) {
                best = Math.min(best, risk(signal, client, expert, costs, candidate));
            }
            assertThat(risk(signal, client, expert, costs, tau)).isEqualTo(best);
        }
    }

    private static double risk(double[] signal, boolean[] client, boolean[] expert, Costs costs, double tau) {
        double sum = 0;
        for (int i = 0; i < signal.length; i++) {
            sum += signal[i] <= tau ? costs.offload() + (expert[i] ? 0 : costs.expertError()) : client[i] ? 0 : 1;
        }
        return sum;
    }

    @Test
    void l2hMulticlassComesCloseToTheBayesRisk() {
        Costs costs = new Costs(0.05, 1);
        RejectionProblem p = problem(1500, costs);
        Dataset test = MIXTURE.sample(4000, 99);
        // half the default budget (400 steps per network): gap 0.012-0.015 over seeds 3-4, vs 0.010-0.012 at 800
        Decisions d = new L2hMulticlassRule().fit(p, new L2hMulticlassRule().info().bind(Map.of("steps", 400)), 3).decide(test.features());
        INDArray logits = secondFeatureClient(2).forward(test.features());
        double[] eta = MIXTURE.posterior(test.features());
        double rule = 0;
        double bayes = 0;
        double clientAlone = 0;
        for (int i = 0; i < d.size(); i++) {
            double q = logits.getDouble(i, 1) > logits.getDouble(i, 0) ? 1 - eta[i] : eta[i];
            double expertWrong = d.expertLabels()[i] == 1 ? 1 - eta[i] : eta[i];
            rule += d.offloaded(i) ? costs.offload() + costs.expertError() * expertWrong : q;
            bayes += Math.min(q, costs.offload() + costs.expertError() * Math.min(eta[i], 1 - eta[i]));
            clientAlone += q;
        }
        rule /= d.size();
        bayes /= d.size();
        clientAlone /= d.size();
        assertThat(clientAlone - bayes).isGreaterThan(0.08); // helping pays on this problem
        assertThat(rule - bayes).isBetween(0.0, 0.02);
    }
}
