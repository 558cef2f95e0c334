package dev.plugbench.toolkit.optim;

/** A smooth function of a parameter vector that also returns its gradient. */
@FunctionalInterface
public interface Objective {
    /**
     * Evaluates the function at {@code x} and writes its gradient into {@code gradient} (same
     * length as x; fully overwritten). Must not keep or modify {@code x}.
     *
     * @return the function value
     */
    double evaluate(double[] x, double[] gradient);
}
