package dev.plugbench.toolkit.optim;

/**
 * A symmetric positive-definite linear map H0 that approximates an objective's inverse Hessian (up
 * to scale), applied in place.
 */
@FunctionalInterface
public interface Preconditioner {
    /** Overwrites v with H0 v. */
    void apply(double[] v);

    /**
     * Overwrites each of {@code vs} with H0 times it. L-BFGS applies H0 to two vectors per iteration;
     * a map that is one pass over a large matrix should override this to make both in one pass.
     */
    default void applyEach(double[]... vs) {
        for (double[] v : vs) {
            apply(v);
        }
    }
}
