package dev.plugbench.toolkit.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/** A loss over a batch of outputs and targets, averaged over the batch, with its gradient. */
public interface Loss {
    /** The loss value. */
    double value(INDArray output, INDArray target);

    /** d(value)/d(output), same shape as the output. */
    INDArray gradient(INDArray output, INDArray target);

    /** Value and gradient together (losses override it to share work). */
    default Evaluation evaluate(INDArray output, INDArray target) {
        return new Evaluation(value(output, target), gradient(output, target));
    }

    /**
     * A loss value and its gradient.
     *
     * @param value    the loss
     * @param gradient d(loss)/d(output)
     */
    record Evaluation(double value, INDArray gradient) {
    }
}
