package dev.plugbench.toolkit.nn;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The activations of a forward pass: {@code input(0)} is the network input, {@code input(l)} the
 * input of layer l, and {@link #output()} the network output.
 */
public record Trace(List<INDArray> activations) {
    public Trace {
        activations = List.copyOf(activations);
    }

    /** The input of layer l (n x that layer's input width). */
    public INDArray input(int layer) {
        return activations.get(layer);
    }

    /** The network output. */
    public INDArray output() {
        return activations.get(activations.size() - 1);
    }
}
