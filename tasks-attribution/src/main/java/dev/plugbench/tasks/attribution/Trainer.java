package dev.plugbench.tasks.attribution;

import dev.plugbench.api.bench.Setting;
import dev.plugbench.toolkit.data.MiniBatches;
import dev.plugbench.toolkit.nn.Activation;
import dev.plugbench.toolkit.nn.Adam;
import dev.plugbench.toolkit.nn.Loss;
import dev.plugbench.toolkit.nn.Losses;
import dev.plugbench.toolkit.nn.Network;
import dev.plugbench.toolkit.nn.Parameterization;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Trains the network a task explains: an MLP d-100-100-out (ReLU, float64); binary tasks use one
 * logit and binary cross-entropy, the others softmax cross-entropy. How it is built and trained is
 * the {@link Recipe}: which kernel tracks the network best depends on it.
 */
final class Trainer {
    private Trainer() {
    }

    /** How the explained network is parameterised and trained (a task setting). */
    enum Recipe {
        /**
         * This project's: NTK parameterisation with the biases outside the 1/sqrt(fan_in) scaling,
         * starting at 0; full-batch Adam (lr 0.01) for a fixed number of steps.
         */
        PROJECT,
        /**
         * The paper authors': NTK parameterisation with the bias inside the scaling, every
         * parameter N(0, 1); minibatch Adam (lr 1e-3, batch {@value #AUTHORS_BATCH}, as the authors)
         * until 100% training accuracy, checked after each epoch (at most {@value #AUTHORS_MAX_EPOCHS} epochs).
         */
        AUTHORS;

        /** The setting's name in results. */
        String settingName() {
            return name().toLowerCase(Locale.ROOT) + "-recipe";
        }

        /** The task setting of this recipe: its name, with the recipe as field {@code recipe}. */
        Setting setting() {
            return Setting.of(settingName(), "recipe", name());
        }

        static Recipe of(Setting setting) {
            String recipe = setting.text("recipe");
            return Arrays.stream(values()).filter(r -> r.name().equals(recipe)).findFirst().orElseThrow(() ->
                    new IllegalArgumentException("unknown recipe '" + recipe + "' in setting '" + setting.name() + "'; the attribution tasks take "
                            + Arrays.stream(values()).map(Recipe::name).toList()));
        }
    }

    static final int AUTHORS_BATCH = 4;
    static final int AUTHORS_MAX_EPOCHS = 300;

    /**
     * @param steps the full-batch steps of the project's recipe (the authors' trains to 100% accuracy)
     */
    static Network train(Recipe recipe, INDArray x, int[] labels, int classes, long seed, int steps) {
        boolean binary = classes == 2;
        Parameterization p = recipe == Recipe.PROJECT ? Parameterization.NTK : Parameterization.NTK_SCALED_BIAS;
        Network net = Network.builder((int) x.columns(), DataType.DOUBLE, 1_000_003L * (seed + 1)).dense(100, p)
                .activation(Activation.RELU).dense(100, p).activation(Activation.RELU).dense(binary ? 1 : classes, p).build();
        INDArray y = Nd4j.zeros(DataType.DOUBLE, labels.length, binary ? 1 : classes);
        for (int i = 0; i < labels.length; i++) {
            y.putScalar(i, binary ? 0 : labels[i], binary ? labels[i] : 1);
        }
        Loss loss = binary ? Losses.BINARY_CROSS_ENTROPY_WITH_LOGITS : Losses.SOFTMAX_CROSS_ENTROPY;
        if (recipe == Recipe.PROJECT) {
            Adam adam = new Adam(0.01);
            for (int s = 0; s < steps; s++) {
                net.trainStep(x, y, loss, adam);
            }
            return net;
        }
        return trainMinibatch(net, x, y, labels, loss, seed, AUTHORS_BATCH);
    }

    /** Minibatch Adam (lr 1e-3) until 100% training accuracy, checked after each epoch (at most {@value #AUTHORS_MAX_EPOCHS} epochs). */
    static Network trainMinibatch(Network net, INDArray x, INDArray y, int[] labels, Loss loss, long seed, int batchSize) {
        Adam adam = new Adam(1e-3);
        for (int epoch = 0; epoch < AUTHORS_MAX_EPOCHS && accuracy(net, x, labels) < 1; epoch++) {
            // the epoch's rows gathered once in batch order; each batch is then a view of consecutive rows
            List<int[]> batches = MiniBatches.epoch(labels.length, batchSize, seed, epoch);
            int[] order = batches.stream().flatMapToInt(Arrays::stream).toArray();
            INDArray xs = x.getRows(order);
            INDArray ys = y.getRows(order);
            int start = 0;
            for (int[] batch : batches) {
                INDArrayIndex rows = NDArrayIndex.interval(start, start + batch.length);
                net.trainStep(xs.get(rows, NDArrayIndex.all()), ys.get(rows, NDArrayIndex.all()), loss, adam);
                start += batch.length;
            }
        }
        return net;
    }

    static double accuracy(Network net, INDArray x, int[] labels) {
        INDArray out = net.forward(x);
        int[] classes = out.columns() == 1 ? null : out.argMax(1).toIntVector();
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            int predicted = out.columns() == 1 ? (out.getDouble(i, 0) > 0 ? 1 : 0) : classes[i];
            correct += predicted == labels[i] ? 1 : 0;
        }
        return correct / (double) labels.length;
    }
}
