package dev.plugbench.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugbench.api.lwa.Costs;
import dev.plugbench.api.lwa.Decisions;
import dev.plugbench.api.lwa.FittedRule;
import dev.plugbench.api.lwa.RejectionProblem;
import dev.plugbench.api.lwa.RejectionRule;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The conformance tests of a {@link RejectionRule}: {@code class MyRuleTest extends RejectionRuleContract}.
 * Fits on 60 examples of 6 features with a fixed 6-12-k client (k = 3 when the rule handles three
 * classes, else 2) and decides 25 others. Override {@link #params()} with a small training budget.
 */
public abstract class RejectionRuleContract extends MethodContract<RejectionRule> {
    @Override
    protected String family() {
        return RejectionRule.FAMILY;
    }

    private int classes() {
        return method().handles(3) ? 3 : 2;
    }

    private RejectionProblem problem() {
        int k = classes();
        return new RejectionProblem(Samples.classifier(6, k, 21), Samples.gaussian(22, 60, 6), Samples.labels(60, k, 23), k,
                new Costs(0.1, 1));
    }

    private static INDArray test() {
        return Samples.gaussian(24, 25, 6);
    }

    @Test
    void decisionsCoverEveryInputWithExpertLabelsOfTheTask() {
        Decisions d = method().fit(problem(), params(), 1).decide(test());
        assertThat(d.size()).as("output: one decision per input").isEqualTo(25);
        int k = classes();
        assertThat(java.util.Arrays.stream(d.expertLabels()).allMatch(y -> y >= 0 && y < k)).as("output: expert labels are classes of the task")
                .isTrue();
        assertThat(d.score().isNaN().any() || d.score().isInfinite().any()).as("output: non-finite scores").isFalse();
    }

    @Test
    void sameSeedGivesTheSameDecisions() {
        Decisions a = method().fit(problem(), params(), 5).decide(test());
        Decisions b = method().fit(problem(), params(), 5).decide(test());
        assertThat(b.expertLabels()).as("determinism: same seed, same expert labels").containsExactly(a.expertLabels());
        assertThat(b.score()).as("determinism: same seed, same scores").isEqualTo(a.score());
    }

    @Test
    void aFittedRuleRefusesInputsOfTheWrongWidthAndNaNClearly() {
        FittedRule rule = method().fit(problem(), params(), 1);
        Refusals.refusedClearly("bad input: 5 features instead of 6", () -> rule.decide(Samples.gaussian(25, 4, 5)));
        INDArray nan = test();
        nan.putScalar(3, 2, Double.NaN);
        Refusals.refusedClearly("bad input: a NaN feature", () -> rule.decide(nan));
    }

    @Test
    void concurrentFitsEqualSequentialOnes() throws Exception {
        RejectionProblem p = problem();
        INDArray x = test();
        int[] expected = method().fit(p, params(), 2).decide(x).expertLabels();
        INDArray expectedScore = method().fit(p, params(), 2).decide(x).score();
        List<Decisions> answers = concurrently(3, () -> method().fit(p, params(), 2).decide(x));
        assertThat(answers).as("thread safety: concurrent fits of one problem").allSatisfy(d -> {
            assertThat(d.expertLabels()).containsExactly(expected);
            assertThat(d.score()).isEqualTo(expectedScore);
        });
    }
}
