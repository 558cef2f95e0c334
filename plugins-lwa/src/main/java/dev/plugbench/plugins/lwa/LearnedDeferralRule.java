package dev.plugbench.plugins.lwa;

import dev.plugbench.api.lwa.RejectionProblem;
import dev.plugbench.toolkit.nn.Losses;
import dev.plugbench.toolkit.nn.Network;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.pf4j.Extension;

/**
 * Learned deferral: a rejector trained by binary cross-entropy to predict "the client is wrong",
 * the expert by cross-entropy; an input is offloaded when the predicted probability that the
 * client is right is at or below a threshold, tuned for the problem's costs or given.
 */
@Extension
public final class LearnedDeferralRule extends ThresholdBaseline {
    public LearnedDeferralRule() {
        super("learned-deferral", "Learned deferral (BCE)");
    }

    @Override
    Fitted fitOn(RejectionProblem problem, INDArray x, int[] labels, Training training, long seed) {
        Network expert = CrossEntropyExpert.train(x, labels, problem.numClasses(), training, seed);
        boolean[] right = ClientOutputs.of(problem.client(), x).correct(labels);
        float[] wrong = new float[right.length];
        for (int i = 0; i < right.length; i++) {
            wrong[i] = right[i] ? 0 : 1;
        }
        Rows xr = new Rows(x);
        Rows target = new Rows(Nd4j.createFromArray(wrong).reshape(right.length, 1));
        Network rejector = training.mlp((int) x.columns(), 1, 2 * seed + 1);
        var optimizer = training.optimizer();
        training.forEachBatch(right.length, seed + 7919, batch -> rejector.trainStep(xr.gather(batch), target.gather(batch),
                Losses.BINARY_CROSS_ENTROPY_WITH_LOGITS, optimizer), optimizer);
        return new Fitted(expert, in -> Transforms.sigmoid(rejector.forward(in).negi(), false));
    }
}
