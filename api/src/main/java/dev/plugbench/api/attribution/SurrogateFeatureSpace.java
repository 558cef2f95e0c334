package dev.plugbench.api.attribution;

import dev.plugbench.api.ApiStatus;
import dev.plugbench.api.Method;
import dev.plugbench.api.Params;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pf4j.ExtensionPoint;

/** A surrogate feature space: the kernel between two sets of inputs, as seen by a trained network. */
@ApiStatus(ApiStatus.Status.EXPERIMENTAL)
public interface SurrogateFeatureSpace extends Method, ExtensionPoint {
    /** The family of this extension point. */
    String FAMILY = "attribution";

    /**
     * The kernel matrix K(left_i, right_j), |left| x |right|, in float64.
     *
     * @param request the network and the two sets of inputs
     * @param params  validated parameters of this method
     * @param seed    seed of any randomness (random projections); the same seed gives the same kernel
     */
    INDArray kernel(KernelRequest request, Params params, long seed);
}
