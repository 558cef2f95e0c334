package dev.plugbench.api.model;

import dev.plugbench.api.ApiStatus;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A trained network as extension points see it: evaluate it, read its parameters. Implementations
 * are safe to call from several threads as long as nobody trains them meanwhile.
 */
@ApiStatus(ApiStatus.Status.EXPERIMENTAL)
public interface Model {
    /** Number of input features per example. */
    int inputWidth();

    /** Number of outputs per example (logits for classifiers). */
    int outputWidth();

    /** Outputs for a batch: {@code x} is n x inputWidth, the result n x outputWidth. */
    INDArray forward(INDArray x);

    /** A copy of the current parameters. */
    ModelSnapshot snapshot();
}
