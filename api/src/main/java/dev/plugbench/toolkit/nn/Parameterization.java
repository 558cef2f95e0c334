package dev.plugbench.toolkit.nn;

/** How a dense or convolutional layer is initialised and scaled. */
public enum Parameterization {
    /** Weights N(0, 1/fan_in), pre-activation x W + b (LeCun normal). */
    STANDARD,
    /** Weights N(0, 1), pre-activation x W / sqrt(fan_in) + b: the neural tangent kernel parameterisation. */
    NTK
}
