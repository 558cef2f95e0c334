package dev.plugbench.toolkit.nn;

import dev.plugbench.toolkit.linalg.Broadcasts;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.LogSoftMax;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** The standard losses, each averaged over the examples of the batch. */
public final class Losses {
    private Losses() {
    }

    /** Softmax cross-entropy of logits (n x K) against one-hot targets (n x K). */
    public static final Loss SOFTMAX_CROSS_ENTROPY = new Loss() {
        @Override
        public double value(INDArray logits, INDArray target) {
            check(logits, target, "softmax cross-entropy");
            INDArray max = logits.max(true, 1);
            INDArray shifted = Broadcasts.subi(logits.dup(), max);
            INDArray logSumExp = Transforms.log(Transforms.exp(shifted, true).sum(true, 1), false);
            INDArray logProb = Broadcasts.subi(shifted, logSumExp);
            return -logProb.muli(target.castTo(logits.dataType())).sumNumber().doubleValue() / logits.rows();
        }

        @Override
        public INDArray gradient(INDArray logits, INDArray target) {
            check(logits, target, "softmax cross-entropy");
            INDArray p = softmax(logits);
            return p.subi(target.castTo(logits.dataType())).divi(logits.rows());
        }

        @Override
        public Evaluation evaluate(INDArray logits, INDArray target) {
            check(logits, target, "softmax cross-entropy");
            INDArray y = target.castTo(logits.dataType());
            INDArray logProb = Nd4j.getExecutioner().exec(new LogSoftMax(logits, 1))[0];
            double value = -logProb.mul(y).sumNumber().doubleValue() / logits.rows();
            INDArray gradient = Transforms.exp(logProb, false).subi(y).divi(logits.rows());
            return new Evaluation(value, gradient);
        }

        @Override
        public String toString() {
            return "softmax-cross-entropy";
        }
    };

    /** Binary cross-entropy of one logit per example (n x 1) against targets in {0, 1} (n x 1), computed stably. */
    public static final Loss BINARY_CROSS_ENTROPY_WITH_LOGITS = new Loss() {
        @Override
        public double value(INDArray logits, INDArray target) {
            check(logits, target, "binary cross-entropy");
            // max(z, 0) - z y + log(1 + exp(-|z|))
            INDArray z = logits;
            INDArray y = target.castTo(z.dataType());
            INDArray loss = Transforms.relu(z, true).subi(z.mul(y)).addi(Transforms.log(Transforms.exp(Transforms.abs(z, true).negi(), false).addi(1), false));
            return loss.sumNumber().doubleValue() / z.rows();
        }

        @Override
        public INDArray gradient(INDArray logits, INDArray target) {
            check(logits, target, "binary cross-entropy");
            return Transforms.sigmoid(logits, true).subi(target.castTo(logits.dataType())).divi(logits.rows());
        }

        @Override
        public String toString() {
            return "binary-cross-entropy-with-logits";
        }
    };

    /** Mean squared error over all elements (as torch's {@code MSELoss}). */
    public static final Loss MEAN_SQUARED_ERROR = new Loss() {
        @Override
        public double value(INDArray output, INDArray target) {
            check(output, target, "mean squared error");
            INDArray d = output.sub(target.castTo(output.dataType()));
            return d.muli(d).sumNumber().doubleValue() / output.length();
        }

        @Override
        public INDArray gradient(INDArray output, INDArray target) {
            check(output, target, "mean squared error");
            return output.sub(target.castTo(output.dataType())).muli(2.0 / output.length());
        }

        @Override
        public String toString() {
            return "mean-squared-error";
        }
    };

    /** Row-wise softmax of logits, computed stably. */
    public static INDArray softmax(INDArray logits) {
        INDArray e = Transforms.exp(Broadcasts.subi(logits.dup(), logits.max(true, 1)), false);
        return Broadcasts.divi(e, e.sum(true, 1));
    }

    private static void check(INDArray output, INDArray target, String what) {
        if (!Arrays.equals(output.shape(), target.shape())) {
            throw new IllegalArgumentException(what + ": outputs have shape " + Arrays.toString(output.shape())
                    + " but targets " + Arrays.toString(target.shape()));
        }
    }
}
