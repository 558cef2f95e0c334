package dev.plugbench.plugins.attribution;

import dev.plugbench.api.model.Model;
import dev.plugbench.toolkit.nn.Losses;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Per-example output gradients of the loss and of the margin, for one logit (binary) or C logits. */
final class LossGradients {
    private LossGradients() {
    }

    /** d(loss_i)/d(output_i): sigmoid(z) - y for one logit, softmax(z) - onehot(y) for C logits. */
    static GradientProjection.OutputGradient loss(int[] labels) {
        return (first, out) -> {
            if (out.columns() == 1) {
                return Transforms.sigmoid(out, true).subi(column(labels, first, out));
            }
            return Losses.softmax(out).subi(oneHot(labels, first, out));
        };
    }

    /**
     * d(margin_i)/d(output_i), the margin log(p_y / (1 - p_y)) of class y: (2y - 1) z for one logit z,
     * z_y - logsumexp_{c != y} z_c for C outputs (TRAK's model output).
     */
    static GradientProjection.OutputGradient margin(int[] labels) {
        return (first, out) -> {
            if (out.columns() == 1) {
                return column(labels, first, out).muli(2).subi(1);
            }
            INDArray y = oneHot(labels, first, out);
            INDArray masked = out.add(y.mul(-1e30));
            INDArray others = Losses.softmax(masked);
            return y.subi(others);
        };
    }

    /** The class the network predicts for each row: the argmax of the logits, or logit > 0 for a one-logit network. */
    static int[] predictedClasses(dev.plugbench.api.model.Model net, INDArray x) {
        INDArray out = net.forward(x);
        if (out.columns() == 1) {
            double[] z = out.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).dup('c').data().asDouble();
            int[] classes = new int[z.length];
            for (int i = 0; i < z.length; i++) {
                classes[i] = z[i] > 0 ? 1 : 0;
            }
            return classes;
        }
        return out.argMax(1).toIntVector();
    }

    private static INDArray column(int[] labels, long first, INDArray like) {
        INDArray y = Nd4j.create(like.dataType(), like.rows(), 1);
        for (int i = 0; i < like.rows(); i++) {
            int label = labels[(int) first + i];
            if (label != 0 && label != 1) {
                throw new IllegalArgumentException("label " + label + " at row " + (first + i) + ": a one-logit network needs labels 0 and 1");
            }
            y.putScalar(i, 0, label);
        }
        return y;
    }

    private static INDArray oneHot(int[] labels, long first, INDArray like) {
        INDArray y = Nd4j.zeros(like.dataType(), like.rows(), like.columns());
        for (int i = 0; i < like.rows(); i++) {
            int label = labels[(int) first + i];
            if (label < 0 || label >= like.columns()) {
                throw new IllegalArgumentException("label " + label + " at row " + (first + i) + " is outside [0, " + like.columns() + ")");
            }
            y.putScalar(i, label, 1);
        }
        return y;
    }
}
