package dev.plugbench.toolkit.nn;

import dev.plugbench.api.model.DifferentiableModel;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Per-example quantities from which kernels of a model follow without materialising the
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

    /** The signals of any model of the contract: one forward pass, one backward pass per output unit. */
    public static Signals of(DifferentiableModel model, INDArray x) {
        List<INDArray> activations = model.activations(x);
        INDArray output = activations.get(activations.size() - 1);
        long n = output.rows();
        List<List<INDArray>> byOutput = new ArrayList<>();
        for (int c = 0; c < model.outputWidth(); c++) {
            INDArray e = Nd4j.zeros(output.dataType(), n, model.outputWidth());
            e.get(NDArrayIndex.all(), NDArrayIndex.point(c)).assign(1);
            byOutput.add(model.outputGradients(activations, e));
        }
        return new Signals(new Trace(activations), byOutput);
    }

    /** d f_c / d(output of layer l) for every example. */
    public INDArray signal(int c, int layer) {
        return byOutput.get(c).get(layer);
    }
}
