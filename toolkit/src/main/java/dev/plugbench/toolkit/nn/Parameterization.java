package dev.plugbench.toolkit.nn;

/** How a dense or convolutional layer is initialised and scaled. */
public enum Parameterization {
    /** Weights N(0, 1/fan_in), pre-activation x W + b (LeCun normal). */
    STANDARD,
    /** Weights N(0, 1), pre-activation x W / sqrt(fan_in) + b: the neural tangent kernel parameterisation. */
    NTK,
    /**
     * Weights and biases N(0, 1), pre-activation (x W + b) / sqrt(fan_in): the NTK parameterisation
     * with the bias inside the scaling, as the NTK-surrogate paper's authors build their MLPs (dense
     * layers only).
     */
    NTK_SCALED_BIAS
}
