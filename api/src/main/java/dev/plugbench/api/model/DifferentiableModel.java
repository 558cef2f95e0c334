package dev.plugbench.api.model;

import dev.plugbench.api.ApiStatus;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A sequential model whose gradients kernels and probes can take: what the tangent kernels (NTK,
 * pseudo-NTK, TRAK's projected gradients), the conjugate kernel and the embedding kernels need,
 * with no knowledge of the class behind it. The host's trained networks implement it; so can any
 * model a plugin or an application brings.
 *
 * <p>For output weights g (n x outputWidth, one row per example), every gradient below is that of
 * {@code sum_j g_ij f_j(x_i)} for each example i separately: g = e_c gives output c's gradients, g =
 * dL/d(outputs) the per-example loss gradients.
 *
 * <p>Implementations are safe to call from several threads as long as nobody trains them meanwhile.
 */
@ApiStatus(ApiStatus.Status.EXPERIMENTAL)
public interface DifferentiableModel extends Model {
    /** The layers in forward order; parameter names in {@link #snapshot()} start with the layer's name. */
    List<LayerInfo> layerInfo();

    /** Total number of scalar parameters P. */
    long parameterCount();

    /**
     * A forward pass that keeps every layer's input: element l is the input of layer l (n x its
     * input width), the last element the model's output. Its size is {@code layerInfo().size() + 1}.
     */
    List<INDArray> activations(INDArray x);

    /**
     * Backpropagation through a pass from {@link #activations}: element l is d(sum_j g_ij f_j(x_i)) /
     * d(output of layer l), one row per example (n x layer l's output width).
     */
    List<INDArray> outputGradients(List<INDArray> activations, INDArray outputWeights);

    /**
     * The n x P per-example parameter gradients of {@code sum_j g_ij f_j(x_i)}; columns follow the
     * parameters in snapshot order, each tensor flattened row-major.
     */
    INDArray perExampleGradients(INDArray x, INDArray outputWeights);
}
