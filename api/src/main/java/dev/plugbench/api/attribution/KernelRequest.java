package dev.plugbench.api.attribution;

import dev.plugbench.api.ApiStatus;
import dev.plugbench.api.model.Model;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The inputs of a kernel computation.
 *
 * @param model the trained network
 * @param left  n x d inputs (rows of the kernel)
 * @param right m x d inputs (columns of the kernel)
 */
@ApiStatus(ApiStatus.Status.EXPERIMENTAL)
public record KernelRequest(Model model, INDArray left, INDArray right) {
    public KernelRequest {
        Objects.requireNonNull(model, "model is null");
        Objects.requireNonNull(left, "left is null");
        Objects.requireNonNull(right, "right is null");
        if (left.rank() != 2 || right.rank() != 2 || left.columns() != right.columns()) {
            throw new IllegalArgumentException("left and right must be matrices of equal width; got "
                    + java.util.Arrays.toString(left.shape()) + " and " + java.util.Arrays.toString(right.shape()));
        }
        if (left.columns() != model.inputWidth()) {
            throw new IllegalArgumentException("the inputs have " + left.columns() + " features but the model takes " + model.inputWidth());
        }
    }
}
