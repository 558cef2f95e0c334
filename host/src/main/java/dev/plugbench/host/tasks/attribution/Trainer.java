package dev.plugbench.host.tasks.attribution;

import dev.plugbench.toolkit.nn.Activation;
import dev.plugbench.toolkit.nn.Adam;
import dev.plugbench.toolkit.nn.Losses;
import dev.plugbench.toolkit.nn.Network;
import dev.plugbench.toolkit.nn.Parameterization;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains the network a task explains: an MLP d-100-100-out (ReLU, NTK parameterisation, float64),
 * full-batch Adam; binary tasks use one logit and binary cross-entropy, the others softmax
 * cross-entropy.
 */
final class Trainer {
    private Trainer() {
    }

    static Network train(INDArray x, int[] labels, int classes, long seed, int steps) {
        boolean binary = classes == 2;
        Network net = Network.builder((int) x.columns(), DataType.DOUBLE, 1_000_003L * (seed + 1)).dense(100, Parameterization.NTK)
                .activation(Activation.RELU).dense(100, Parameterization.NTK).activation(Activation.RELU)
                .dense(binary ? 1 : classes, Parameterization.NTK).build();
        INDArray y = Nd4j.zeros(DataType.DOUBLE, labels.length, binary ? 1 : classes);
        for (int i = 0; i < labels.length; i++) {
            y.putScalar(i, binary ? 0 : labels[i], binary ? labels[i] : 1);
        }
        Adam adam = new Adam(0.01);
        for (int s = 0; s < steps; s++) {
            net.trainStep(x, y, binary ? Losses.BINARY_CROSS_ENTROPY_WITH_LOGITS : Losses.SOFTMAX_CROSS_ENTROPY, adam);
        }
        return net;
    }
}
