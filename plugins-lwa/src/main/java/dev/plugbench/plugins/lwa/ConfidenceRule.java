package dev.plugbench.plugins.lwa;

import dev.plugbench.api.MethodInfo;
import dev.plugbench.api.Params;
import dev.plugbench.api.lwa.FittedRule;
import dev.plugbench.api.lwa.RejectionProblem;
import dev.plugbench.api.lwa.RejectionRule;
import dev.plugbench.toolkit.nn.Network;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pf4j.Extension;

/**
 * Confidence-based rejection: the expert is trained by cross-entropy on all the data, and an input
 * is offloaded when the client's own confidence (its largest softmax probability) is at or below
 * a threshold, tuned for the problem's costs or given.
 */
@Extension
public final class ConfidenceRule implements RejectionRule {
    static final MethodInfo INFO = new MethodInfo("confidence", FAMILY, "Client confidence", MethodInfo.BASELINE,
            ThresholdBaseline.params());

    private static final ThresholdBaseline BASELINE = new ThresholdBaseline() {
        @Override
        Fitted fitOn(RejectionProblem problem, INDArray x, int[] labels, Training training, long seed) {
            Network expert = CrossEntropyExpert.train(x, labels, problem.numClasses(), training, seed);
            return new Fitted() {
                @Override
                public Network expert() {
                    return expert;
                }

                @Override
                public INDArray keepSignal(INDArray in) {
                    return Nd4j.createFromArray(ClientOutputs.of(problem.client(), in).confidence());
                }
            };
        }
    };

    @Override
    public MethodInfo info() {
        return INFO;
    }

    @Override
    public FittedRule fit(RejectionProblem problem, Params params, long seed) {
        return BASELINE.fit(problem, params, seed);
    }
}
