package dev.plugbench.toolkit.nn;

import java.util.IdentityHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Gradients of a scalar with respect to parameters, one array per parameter (same shape). */
public final class Gradients {
    private final Map<Parameter, INDArray> byParameter = new IdentityHashMap<>();

    /** Adds {@code g} to the gradient of {@code p}. */
    void accumulate(Parameter p, INDArray g) {
        INDArray existing = byParameter.get(p);
        if (existing == null) {
            byParameter.put(p, g);
        } else {
            existing.addi(g);
        }
    }

    /** The gradient of {@code p} (zeros of its shape when nothing flowed into it). */
    public INDArray of(Parameter p) {
        INDArray g = byParameter.get(p);
        return g != null ? g : p.value().like().assign(0);
    }
}
