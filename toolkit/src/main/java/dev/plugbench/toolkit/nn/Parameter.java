package dev.plugbench.toolkit.nn;

import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A named, trainable array of a layer. Optimizers update {@link #value()} in place. */
public final class Parameter {
    private final String name;
    private final INDArray value;

    Parameter(String name, INDArray value) {
        this.name = Objects.requireNonNull(name, "name is null");
        this.value = Objects.requireNonNull(value, "value is null");
    }

    /** Name unique within its network, e.g. {@code "0.W"}. */
    public String name() {
        return name;
    }

    /** The live array (updated in place by training). */
    public INDArray value() {
        return value;
    }

    /** Number of scalars. */
    public long size() {
        return value.length();
    }

    @Override
    public String toString() {
        return name + java.util.Arrays.toString(value.shape());
    }
}
