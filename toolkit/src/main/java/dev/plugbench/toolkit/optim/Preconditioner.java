package dev.plugbench.toolkit.optim;

/**
 * A symmetric positive-definite linear map H0 that approximates an objective's inverse Hessian (up
 * to scale), applied in place.
 */
@FunctionalInterface
public interface Preconditioner {
    /** Overwrites v with H0 v. */
    void apply(double[] v);
}
