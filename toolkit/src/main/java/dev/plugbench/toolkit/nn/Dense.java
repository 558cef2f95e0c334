package dev.plugbench.toolkit.nn;

import dev.plugbench.toolkit.linalg.Broadcasts;
import java.util.List;
import java.util.SplittableRandom;
import dev.plugbench.toolkit.data.Gaussian;
import dev.plugbench.toolkit.linalg.MatMul;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A fully connected layer: out = scale * (x W) + biasScale * b, W is in x out, b is 1 x out. Biases
 * start at 0 (bias scale 1), except under {@link Parameterization#NTK_SCALED_BIAS}: N(0, 1) and
 * scaled by 1/sqrt(fan_in) like the weights.
 */
public final class Dense implements Layer {
    private final int in;
    private final int out;
    private final Parameterization parameterization;
    private final double scale;
    private final double biasScale;
    private final Parameter weights;
    private final Parameter bias;

    Dense(String name, int in, int out, Parameterization parameterization, DataType type, SplittableRandom rng) {
        if (in < 1 || out < 1) {
            throw new IllegalArgumentException("dense layer sizes must be positive; got " + in + " -> " + out);
        }
        this.in = in;
        this.out = out;
        this.parameterization = parameterization;
        boolean ntk = parameterization != Parameterization.STANDARD;
        double std = ntk ? 1 : 1 / Math.sqrt(in);
        this.scale = ntk ? 1 / Math.sqrt(in) : 1;
        double[] w = Gaussian.next(rng, in * out);
        for (int i = 0; i < w.length; i++) {
            w[i] *= std;
        }
        this.weights = new Parameter(name + ".W", Nd4j.create(w, new long[] {in, out}, 'c').castTo(type));
        boolean scaledBias = parameterization == Parameterization.NTK_SCALED_BIAS;
        this.biasScale = scaledBias ? scale : 1;
        this.bias = new Parameter(name + ".b", scaledBias ? Nd4j.create(Gaussian.next(rng, out), new long[] {1, out}, 'c').castTo(type)
                : Nd4j.zeros(type, 1, out));
    }

    /** The factor applied to x W (1, or 1/sqrt(fan_in) under the NTK parameterisation). */
    public double scale() {
        return scale;
    }

    /** The factor applied to b (1, or 1/sqrt(fan_in) under {@link Parameterization#NTK_SCALED_BIAS}). */
    public double biasScale() {
        return biasScale;
    }

    public Parameter weights() {
        return weights;
    }

    public Parameter bias() {
        return bias;
    }

    @Override
    public int inputWidth() {
        return in;
    }

    @Override
    public int outputWidth() {
        return out;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weights, bias);
    }

    @Override
    public INDArray forward(INDArray input) {
        INDArray z = MatMul.of(input, false, weights.value(), false, scale);
        return Broadcasts.addi(z, biasScale == 1 ? bias.value() : bias.value().mul(biasScale));
    }

    @Override
    public INDArray backward(INDArray input, INDArray output, INDArray outputGradient, Gradients gradients, boolean inputGradient) {
        if (gradients != null) {
            gradients.accumulate(weights, MatMul.of(input, true, outputGradient, false, scale));
            INDArray biasGradient = outputGradient.sum(true, 0);
            gradients.accumulate(bias, biasScale == 1 ? biasGradient : biasGradient.muli(biasScale));
        }
        return inputGradient ? MatMul.of(outputGradient, false, weights.value(), true, scale) : null;
    }

    @Override
    public INDArray perExampleGradients(INDArray input, INDArray outputGradient) {
        long n = input.rows();
        INDArray perW = input.reshape(n, in, 1).mul(outputGradient.reshape(n, 1, out)).reshape(n, (long) in * out);
        if (scale != 1) {
            perW.muli(scale);
        }
        return Nd4j.hstack(perW, biasScale == 1 ? outputGradient : outputGradient.mul(biasScale));
    }

    @Override
    public String describe() {
        return "dense(" + in + " -> " + out + ", " + parameterization.name().toLowerCase() + ")";
    }
}
