package dev.plugbench.plugins.lwa;

import dev.plugbench.toolkit.nn.Losses;
import dev.plugbench.toolkit.nn.Network;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The baselines' expert: an MLP with one logit per class trained by softmax cross-entropy. */
final class CrossEntropyExpert {
    private CrossEntropyExpert() {
    }

    static Network train(INDArray x, int[] labels, int classes, Training training, long seed) {
        Network e = training.mlp((int) x.columns(), classes, 2 * seed + 2);
        Rows xr = new Rows(x);
        Rows y = new Rows(L2hMulticlassRule.oneHot(labels, classes));
        var optimizer = training.optimizer();
        training.forEachBatch(labels.length, seed, batch -> e.trainStep(xr.gather(batch), y.gather(batch),
                Losses.SOFTMAX_CROSS_ENTROPY, optimizer), optimizer);
        return e;
    }
}
