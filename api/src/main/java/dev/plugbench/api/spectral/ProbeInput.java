package dev.plugbench.api.spectral;

import dev.plugbench.api.ApiStatus;
import dev.plugbench.api.model.DifferentiableModel;
import dev.plugbench.api.model.ModelSnapshot;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a probe sees at a checkpoint.
 *
 * @param current   the parameters now
 * @param initial   the parameters at initialisation
 * @param inputs    the training inputs, n x d (for kernels)
 * @param targets   the training targets, n x k
 * @param model     the network at the current parameters, for probes that need its kernels; null when
 *                  the caller has only snapshots (such probes then refuse with a clear message)
 * @param direction a known direction in input space (d x 1), e.g. the teacher's beta of a
 *                  single-index model; null when there is none
 */
@ApiStatus(ApiStatus.Status.EXPERIMENTAL)
public record ProbeInput(ModelSnapshot current, ModelSnapshot initial, INDArray inputs, INDArray targets, DifferentiableModel model, INDArray direction) {
    public ProbeInput {
        Objects.requireNonNull(current, "current is null");
        Objects.requireNonNull(initial, "initial is null");
        Objects.requireNonNull(inputs, "inputs is null");
        Objects.requireNonNull(targets, "targets is null");
        if (inputs.rows() != targets.rows()) {
            throw new IllegalArgumentException("inputs have " + inputs.rows() + " rows but targets " + targets.rows());
        }
        if (model != null && model.inputWidth() != inputs.columns()) {
            throw new IllegalArgumentException("the model takes " + model.inputWidth() + " features but the inputs have " + inputs.columns());
        }
        if (direction != null && direction.length() != inputs.columns()) {
            throw new IllegalArgumentException("the direction has " + direction.length() + " entries but the inputs have "
                    + inputs.columns() + " features");
        }
    }

    /** Snapshots and data only: no model, no known direction. */
    public ProbeInput(ModelSnapshot current, ModelSnapshot initial, INDArray inputs, INDArray targets) {
        this(current, initial, inputs, targets, null, null);
    }

    /** The model, or an exception naming the probe that needs it. */
    public DifferentiableModel requireModel(String probe) {
        if (model == null) {
            throw new IllegalArgumentException("probe '" + probe + "' needs the network itself (its kernels), but the input carries "
                    + "only snapshots: pass the model in ProbeInput");
        }
        return model;
    }

    /** The direction, or an exception naming the probe that needs it. */
    public INDArray requireDirection(String probe) {
        if (direction == null) {
            throw new IllegalArgumentException("probe '" + probe + "' needs a known direction (the teacher's beta), and the input has none");
        }
        return direction;
    }
}
