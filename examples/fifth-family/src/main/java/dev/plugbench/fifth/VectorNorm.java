package dev.plugbench.fifth;

import dev.plugbench.api.Method;
import dev.plugbench.api.Params;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pf4j.ExtensionPoint;

/**
 * A fifth family's extension point, defined outside the host and the contract (test sources only):
 * a norm of each row of a matrix. It exists to show that a new family needs no change to the host core.
 */
public interface VectorNorm extends Method, ExtensionPoint {
    /** The family of this extension point. */
    String FAMILY = "norm";

    /** The norm of each row of {@code x} (n x d), as an n-vector. */
    double[] norms(INDArray x, Params params);
}
