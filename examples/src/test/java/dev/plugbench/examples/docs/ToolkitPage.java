package dev.plugbench.examples.docs;

import dev.plugbench.toolkit.data.MiniBatches;
import dev.plugbench.toolkit.nn.Activation;
import dev.plugbench.toolkit.nn.Adam;
import dev.plugbench.toolkit.nn.Losses;
import dev.plugbench.toolkit.nn.Network;
import dev.plugbench.toolkit.nn.Optimizer;
import dev.plugbench.toolkit.nn.Parameterization;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** sdk-docs/toolkit.md's network example: minibatch training. */
final class ToolkitPage {
    private ToolkitPage() {
    }

    /** A 64-100-10 network trained for some epochs on (x, one-hot y). */
    static Network train(INDArray x, INDArray y, long seed, int epochs) {
        int n = x.rows();
        // tag::network[]
        Network net = Network.builder(64, DataType.DOUBLE, seed)       // same seed, same weights
                .dense(100, Parameterization.NTK).activation(Activation.RELU)
                .dense(10, Parameterization.NTK)
                .build();
        Optimizer opt = new Adam(1e-3);                                  // or new Sgd(lr, momentum, weightDecay)
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (int[] batch : MiniBatches.epoch(n, 32, seed, epoch)) {                // shuffled by (seed, epoch)
                net.trainStep(x.getRows(batch), y.getRows(batch), Losses.SOFTMAX_CROSS_ENTROPY, opt);
            }
        }
        // end::network[]
        return net;
    }
}
