package dev.plugbench.api.model;

import dev.plugbench.api.ApiStatus;
import java.util.Objects;

/**
 * What a kernel or probe may know about one layer of a {@link DifferentiableModel} without knowing
 * its class.
 *
 * <p>A {@link Kind#DENSE} layer computes {@code out = weightScale * (in W) + biasScale * b} with
 * parameters {@code name + ".W"} (inputWidth x outputWidth) and {@code name + ".b"} (1 x outputWidth),
 * in that order in the model's parameter vector. An {@link Kind#ACTIVATION} layer has no parameters.
 * An {@link Kind#OTHER} layer has parameters of its own layout (a convolution): kernels that work
 * layer by layer refuse such a model and fall back to {@link DifferentiableModel#perExampleGradients}.
 *
 * @param name         the layer's name, the prefix of its parameters' names in {@link ModelSnapshot}
 * @param kind         what the layer computes
 * @param inputWidth   features per example going in
 * @param outputWidth  features per example coming out
 * @param weightScale  the constant multiplying {@code in W} (1, or 1/sqrt(fan_in) under the NTK parameterisation); 0 unless dense
 * @param biasScale    the constant multiplying {@code b}; 0 unless dense
 */
@ApiStatus(ApiStatus.Status.EXPERIMENTAL)
public record LayerInfo(String name, Kind kind, int inputWidth, int outputWidth, double weightScale, double biasScale) {
    /** What a layer computes, as far as layer-wise kernels are concerned. */
    public enum Kind {
        /** {@code weightScale * (in W) + biasScale * b}. */
        DENSE,
        /** A parameter-free map (an element-wise activation). */
        ACTIVATION,
        /** A layer with parameters and no layer-wise form known to the contract (e.g. a convolution). */
        OTHER
    }

    public LayerInfo {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(kind, "kind is null");
        if (inputWidth < 1 || outputWidth < 1) {
            throw new IllegalArgumentException("layer '" + name + "' has widths " + inputWidth + " -> " + outputWidth + ": both must be >= 1");
        }
        if (!Double.isFinite(weightScale) || !Double.isFinite(biasScale)) {
            throw new IllegalArgumentException("layer '" + name + "' has non-finite scales " + weightScale + ", " + biasScale);
        }
    }

    /** A dense layer (see the class comment). */
    public static LayerInfo dense(String name, int inputWidth, int outputWidth, double weightScale, double biasScale) {
        return new LayerInfo(name, Kind.DENSE, inputWidth, outputWidth, weightScale, biasScale);
    }

    /** A parameter-free layer of equal input and output width. */
    public static LayerInfo activation(String name, int width) {
        return new LayerInfo(name, Kind.ACTIVATION, width, width, 0, 0);
    }

    /** Whether the layer has trainable parameters. */
    public boolean hasParameters() {
        return kind != Kind.ACTIVATION;
    }

    /** The name of the weight matrix of a dense layer. */
    public String weightName() {
        return name + ".W";
    }
}
