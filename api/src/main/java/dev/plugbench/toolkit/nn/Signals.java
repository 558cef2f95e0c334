package dev.plugbench.toolkit.nn;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Per-example quantities from which kernels of the network follow without materialising the
 * n x P Jacobian: the input of every layer, and for each output unit c the gradient of output c
 * with respect to every layer's output. For a dense layer l with input A and signal D_c, the
 * contribution of its parameters to the tangent kernel of output c is
 * (scale^2 A A'^T + 1) o (D_c D_c'^T).
 *
 * @param trace    the forward pass
 * @param byOutput byOutput.get(c).get(l): d f_c / d(output of layer l), n x width
 */
public record Signals(Trace trace, List<List<INDArray>> byOutput) {
    public Signals {
        byOutput = byOutput.stream().map(List::copyOf).toList();
    }

    /** d f_c / d(output of layer l) for every example. */
    public INDArray signal(int c, int layer) {
        return byOutput.get(c).get(layer);
    }
}
