package dev.plugbench.toolkit.nn;

import java.util.List;

/** Updates parameters in place from their gradients; keeps per-parameter state (momentum, moments). */
public interface Optimizer {
    void step(List<Parameter> parameters, Gradients gradients);
}
