package dev.plugbench.plugins.lwa;

import dev.plugbench.api.lwa.RejectionProblem;
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
public final class ConfidenceRule extends ThresholdBaseline {
    public ConfidenceRule() {
        super("confidence", "Client confidence");
    }

    @Override
    Fitted fitOn(RejectionProblem problem, INDArray x, int[] labels, Training training, long seed) {
        Network expert = CrossEntropyExpert.train(x, labels, problem.numClasses(), training, seed);
        return new Fitted(expert, in -> Nd4j.createFromArray(ClientOutputs.of(problem.client(), in).confidence()));
    }
}
