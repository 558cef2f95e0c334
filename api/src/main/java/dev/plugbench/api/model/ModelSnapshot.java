package dev.plugbench.api.model;

import dev.plugbench.api.ApiStatus;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An immutable copy of a model's named parameter tensors (for example {@code "0.W"}, the weight matrix of the layer named "0": see {@link LayerInfo}), taken at
 * one training step. The arrays are private copies: changing the model later does not change them,
 * and callers must not modify the arrays they read.
 */
@ApiStatus(ApiStatus.Status.EXPERIMENTAL)
public final class ModelSnapshot {
    private final Map<String, INDArray> parameters;
    private final long step;

    /** Copies {@code parameters}; insertion order is kept. */
    public ModelSnapshot(Map<String, INDArray> parameters, long step) {
        Objects.requireNonNull(parameters, "parameters is null");
        Map<String, INDArray> copy = new LinkedHashMap<>();
        parameters.forEach((name, value) -> copy.put(
                Objects.requireNonNull(name, "parameter name is null"),
                Objects.requireNonNull(value, () -> "parameter '" + name + "' is null").dup()));
        this.parameters = Collections.unmodifiableMap(copy);
        this.step = step;
    }

    /** The training step the snapshot was taken at (0 = initialisation). */
    public long step() {
        return step;
    }

    /** All parameters by name. */
    public Map<String, INDArray> parameters() {
        return parameters;
    }

    /**
     * The named parameter.
     *
     * @throws IllegalArgumentException naming the missing parameter and those that exist
     */
    public INDArray parameter(String name) {
        INDArray p = parameters.get(name);
        if (p == null) {
            throw new IllegalArgumentException("the snapshot has no parameter '" + name + "'; it has " + parameters.keySet());
        }
        return p;
    }
}
