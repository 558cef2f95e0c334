package dev.plugbench.examples.docs;

import dev.plugbench.api.lwa.Costs;
import dev.plugbench.api.lwa.Decisions;
import dev.plugbench.api.lwa.FittedRule;
import dev.plugbench.api.lwa.RejectionProblem;
import dev.plugbench.api.lwa.RejectionRule;
import dev.plugbench.api.model.Model;
import dev.plugbench.host.Plugbench;
import java.nio.file.Path;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/** sdk-docs/lwa.md's worked example: a rule fitted for a client the caller owns, outside the harness. */
final class LwaPage {
    private LwaPage() {
    }

    /** The final answer for each new input: the client's, or the expert's where the rule offloads. */
    static int[] answers(Path plugins, Model myLegacyModel, INDArray trainX, int[] trainY, int K, INDArray newInputs) {
        int[] answers = new int[newInputs.rows()];
        // tag::usage[]
        try (Plugbench host = Plugbench.builder().pluginsDir(plugins).build()) {
            RejectionRule l2h = host.method(RejectionRule.class, "l2h-multiclass");
            Model client = myLegacyModel;                         // n x d -> n x K logits; never modified
            RejectionProblem problem = new RejectionProblem(client, trainX, trainY, K, new Costs(0.05, 1.0));
            FittedRule rule = l2h.fit(problem, l2h.info().bind(Map.of("steps", 300)), 42);
            Decisions d = rule.decide(newInputs);
            for (int i = 0; i < d.size(); i++) {
                answers[i] = d.offloaded(i) ? d.expertLabels()[i] : client.forward(newInputs.getRow(i, true)).argMax(1).getInt(0);
            }
        }
        // end::usage[]
        return answers;
    }
}
