package dev.plugbench.tck;

import dev.plugbench.api.model.ModelSnapshot;
import dev.plugbench.toolkit.data.Gaussian;
import dev.plugbench.toolkit.nn.Activation;
import dev.plugbench.toolkit.nn.Losses;
import dev.plugbench.toolkit.nn.Network;
import dev.plugbench.toolkit.nn.Parameterization;
import dev.plugbench.toolkit.nn.Sgd;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The kit's tiny, seeded inputs. Built fresh per call: tests may not share mutable arrays. */
final class Samples {
    private Samples() {
    }

    /** n x d standard normal rows. */
    static INDArray gaussian(long seed, int n, int d) {
        return Nd4j.createFromArray(Gaussian.next(new SplittableRandom(seed), n * d)).reshape(n, d);
    }

    /** A float64 classifier d -> 12 -> tanh -> classes with non-zero biases. */
    static Network classifier(int d, int classes, long seed) {
        return Network.builder(d, DataType.DOUBLE, seed).dense(12, Parameterization.NTK_SCALED_BIAS).activation(Activation.TANH)
                .dense(classes, Parameterization.NTK_SCALED_BIAS).build();
    }

    /** Labels 0..classes-1, each present. */
    static int[] labels(int n, int classes, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i < classes ? i : rng.nextInt(classes);
        }
        return y;
    }

    /** A 24 -> 48 -> tanh -> 1 regression network one SGD step from its initialisation, its two snapshots and data. */
    record Probed(Network network, ModelSnapshot initial, ModelSnapshot current, INDArray x, INDArray y, INDArray direction) {
    }

    static Probed probed() {
        Network net = Network.builder(24, DataType.DOUBLE, 7).dense(48, Parameterization.NTK).activation(Activation.TANH)
                .dense(1, Parameterization.NTK).build();
        ModelSnapshot initial = net.snapshot();
        INDArray x = gaussian(8, 32, 24);
        INDArray y = x.getColumn(0).reshape(32, 1).dup();
        net.trainStep(x, y, Losses.MEAN_SQUARED_ERROR, new Sgd(0.1));
        INDArray direction = Nd4j.zeros(DataType.DOUBLE, 24, 1).putScalar(0, 0, 1);
        return new Probed(net, initial, net.snapshot(), x, y, direction);
    }
}
