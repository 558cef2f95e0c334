package dev.plugbench.api.spectral;

import dev.plugbench.api.ApiStatus;
import dev.plugbench.api.model.ModelSnapshot;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a probe sees at a checkpoint.
 *
 * @param current the parameters now
 * @param initial the parameters at initialisation
 * @param inputs  the training inputs, n x d (for kernels)
 * @param targets the training targets, n x k
 */
@ApiStatus(ApiStatus.Status.EXPERIMENTAL)
public record ProbeInput(ModelSnapshot current, ModelSnapshot initial, INDArray inputs, INDArray targets) {
    public ProbeInput {
        Objects.requireNonNull(current, "current is null");
        Objects.requireNonNull(initial, "initial is null");
        Objects.requireNonNull(inputs, "inputs is null");
        Objects.requireNonNull(targets, "targets is null");
        if (inputs.rows() != targets.rows()) {
            throw new IllegalArgumentException("inputs have " + inputs.rows() + " rows but targets " + targets.rows());
        }
    }
}
