package dev.plugbench.tasks.lwa;

import dev.plugbench.api.ParamSpec;
import dev.plugbench.api.Params;
import dev.plugbench.api.lwa.Costs;
import dev.plugbench.api.lwa.Decisions;
import dev.plugbench.api.lwa.RejectionProblem;
import dev.plugbench.api.lwa.RejectionRule;
import dev.plugbench.host.FamilyDescriptor;
import dev.plugbench.toolkit.data.Gaussian;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The lwa family: {@link RejectionRule}s, sampled on a 32-example binary problem with a fixed linear client. */
public final class LwaFamily implements FamilyDescriptor<RejectionRule> {
    @Override
    public String family() {
        return RejectionRule.FAMILY;
    }

    @Override
    public Class<RejectionRule> extensionPoint() {
        return RejectionRule.class;
    }

    @Override
    public void sampleCall(RejectionRule rule) {
        RejectionProblem problem = Sample.PROBLEM;
        // a rule that trains is called with a short budget: the sample call checks the plumbing, and the drill makes many
        boolean trains = rule.info().parameters().stream().anyMatch(p -> p.name().equals(STEPS) && p.type() == ParamSpec.Type.INTEGER
                && (p.min() == null || p.min() <= SAMPLE_STEPS) && (p.max() == null || p.max() >= SAMPLE_STEPS));
        Params params = trains ? rule.info().bind(Map.of(STEPS, SAMPLE_STEPS)) : rule.info().defaults();
        Decisions d = rule.fit(problem, params, 1).decide(problem.features());
        FamilyDescriptor.require(d.size() == problem.labels().length, rule, "decided " + d.size() + " of " + problem.labels().length + " inputs");
    }

    /** The training-budget parameter of the in-tree rules, and its value in a sample call. */
    private static final String STEPS = "steps";
    private static final int SAMPLE_STEPS = 20;

    /** Built on first use, then shared (read only) by every caller. */
    private static final class Sample {
        static final RejectionProblem PROBLEM = problem();

        private static RejectionProblem problem() {
            INDArray x = Nd4j.createFromArray(Gaussian.next(new SplittableRandom(8), 32 * 24)).reshape(32, 24);
            int[] labels = new int[32];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = x.getDouble(i, 0) > 0 ? 1 : 0;
            }
            labels[0] = 0;
            labels[1] = 1;
            return new RejectionProblem(TinyModel.seeded(24, 2, 11), x, labels, 2, new Costs(0.05, 1.0));
        }
    }
}
