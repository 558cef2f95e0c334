package dev.plugbench.toolkit.nn;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One layer of a sequential network. Inputs and outputs are matrices with one example per row
 * (images flattened channel-major). Layers are stateless apart from their parameters, so a forward
 * pass may run on several threads at once; backward receives what forward saw.
 */
public interface Layer {
    /** Features per example going in. */
    int inputWidth();

    /** Features per example coming out. */
    int outputWidth();

    /** The trainable parameters, in a fixed order. */
    List<Parameter> parameters();

    /** Output for a batch (n x inputWidth to n x outputWidth). */
    INDArray forward(INDArray input);

    /**
     * Backpropagation: given the input and output of a forward pass and dL/d(output), adds
     * dL/d(parameters), summed over the batch, to {@code gradients} (skipped when it is null: only
     * the signals are wanted) and returns dL/d(input), or null when {@code inputGradient} is false
     * (the first layer of a network needs none).
     */
    INDArray backward(INDArray input, INDArray output, INDArray outputGradient, Gradients gradients, boolean inputGradient);

    /**
     * Per-example parameter gradients: row i holds d(sum_j g_ij out_ij)/d(parameters) for example i
     * alone, the parameters flattened in {@link #parameters()} order, each in row-major order.
     */
    INDArray perExampleGradients(INDArray input, INDArray outputGradient);

    /** A short description, e.g. {@code dense(64 -> 100, ntk)}. */
    String describe();
}
