package dev.plugbench.tasks.lwa;

import dev.plugbench.toolkit.linalg.Broadcasts;
import dev.plugbench.api.model.Model;
import dev.plugbench.api.model.ModelSnapshot;
import dev.plugbench.toolkit.nn.Losses;
import dev.plugbench.toolkit.nn.Network;
import dev.plugbench.toolkit.nn.Parameterization;
import dev.plugbench.toolkit.nn.Sgd;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The legacy clients the tasks train: multinomial logistic regression (one logit per class),
 * full-batch gradient descent, stopped at the first step whose training accuracy reaches a target
 * ("briefly trained": a weak client of controlled accuracy) or after {@code maxSteps}.
 */
final class Clients {
    private Clients() {
    }

    static Network logisticRegression(INDArray x, int[] labels, int classes, double targetAccuracy, int maxSteps,
                                      double learningRate, long seed) {
        Network net = Network.builder((int) x.columns(), DataType.DOUBLE, 7_919L * (seed + 1)).dense(classes, Parameterization.STANDARD).build();
        INDArray y = Nd4j.zeros(DataType.DOUBLE, labels.length, classes);
        for (int i = 0; i < labels.length; i++) {
            y.putScalar(i, labels[i], 1);
        }
        Sgd sgd = new Sgd(learningRate);
        for (int step = 0; step < maxSteps && accuracy(net, x, labels) < targetAccuracy; step++) {
            net.trainStep(x, y, Losses.SOFTMAX_CROSS_ENTROPY, sgd);
        }
        return net;
    }

    static double accuracy(Model model, INDArray x, int[] labels) {
        int[] predicted = predictions(model, x);
        int right = 0;
        for (int i = 0; i < labels.length; i++) {
            right += predicted[i] == labels[i] ? 1 : 0;
        }
        return (double) right / labels.length;
    }

    static int[] predictions(Model model, INDArray x) {
        return Nd4j.argMax(model.forward(x), 1).castTo(DataType.INT).reshape(x.rows()).toIntVector();
    }

    /** A client that sees only some input features (the others are zeroed before it): a device with fewer sensors. */
    static Model seeingOnly(Network inner, boolean[] visible) {
        double[] m = new double[visible.length];
        for (int j = 0; j < m.length; j++) {
            m[j] = visible[j] ? 1 : 0;
        }
        INDArray mask = Nd4j.createFromArray(m).reshape(1, m.length);
        return new Model() {
            @Override
            public int inputWidth() {
                return inner.inputWidth();
            }

            @Override
            public int outputWidth() {
                return inner.outputWidth();
            }

            @Override
            public INDArray forward(INDArray x) {
                return inner.forward(Broadcasts.muli(x.castTo(DataType.DOUBLE).dup(), mask));
            }

            @Override
            public ModelSnapshot snapshot() {
                return inner.snapshot();
            }
        };
    }
}
