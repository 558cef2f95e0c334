package dev.plugbench.api.attribution;

import dev.plugbench.api.ApiStatus;
import dev.plugbench.api.model.DifferentiableModel;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The inputs of a kernel computation.
 *
 * @param model       the trained network, with its layers and gradients
 * @param left        n x d inputs (rows of the kernel)
 * @param right       m x d inputs (columns of the kernel; the training set when the host fits a
 *                    kernel machine)
 * @param leftLabels  labels of {@code left}, for kernels that use them (loss gradients); null when unknown
 * @param rightLabels labels of {@code right}; null when unknown
 */
@ApiStatus(ApiStatus.Status.EXPERIMENTAL)
public record KernelRequest(DifferentiableModel model, INDArray left, INDArray right, int[] leftLabels, int[] rightLabels) {
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
        if (left.isNaN().any() || left.isInfinite().any() || right.isNaN().any() || right.isInfinite().any()) {
            throw new IllegalArgumentException("the inputs hold NaN or infinite values: clean or impute them before asking for a kernel");
        }
        if (leftLabels != null && leftLabels.length != left.rows()) {
            throw new IllegalArgumentException(left.rows() + " left inputs but " + leftLabels.length + " left labels");
        }
        if (rightLabels != null && rightLabels.length != right.rows()) {
            throw new IllegalArgumentException(right.rows() + " right inputs but " + rightLabels.length + " right labels");
        }
    }

    /** Inputs without labels. */
    public KernelRequest(DifferentiableModel model, INDArray left, INDArray right) {
        this(model, left, right, null, null);
    }

    /** Whether both sides carry labels. */
    public boolean hasLabels() {
        return leftLabels != null && rightLabels != null;
    }
}
