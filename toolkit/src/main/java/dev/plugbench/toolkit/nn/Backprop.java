package dev.plugbench.toolkit.nn;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What backpropagation produced.
 *
 * @param gradients            parameter gradients, summed over the batch
 * @param layerOutputGradients dL/d(output of layer l), per example (n x width of layer l's output)
 */
public record Backprop(Gradients gradients, List<INDArray> layerOutputGradients) {
    public Backprop {
        layerOutputGradients = List.copyOf(layerOutputGradients);
    }
}
