package dev.plugbench.toolkit.nn;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** An activation function as a layer without parameters. */
final class ActivationLayer implements Layer {
    private final Activation activation;
    private final int width;

    ActivationLayer(Activation activation, int width) {
        this.activation = activation;
        this.width = width;
    }

    Activation activation() {
        return activation;
    }

    @Override
    public int inputWidth() {
        return width;
    }

    @Override
    public int outputWidth() {
        return width;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public INDArray forward(INDArray input) {
        return activation.apply(input);
    }

    @Override
    public INDArray backward(INDArray input, INDArray output, INDArray outputGradient, Gradients gradients, boolean inputGradient) {
        return inputGradient ? activation.derivative(input, output).muli(outputGradient) : null;
    }

    @Override
    public INDArray perExampleGradients(INDArray input, INDArray outputGradient) {
        return Nd4j.zeros(input.dataType(), input.rows(), 0);
    }

    @Override
    public String describe() {
        return activation.name().toLowerCase();
    }
}
