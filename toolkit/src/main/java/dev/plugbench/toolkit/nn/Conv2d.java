package dev.plugbench.toolkit.nn;

import dev.plugbench.toolkit.linalg.Broadcasts;
import dev.plugbench.toolkit.data.Gaussian;
import dev.plugbench.toolkit.linalg.MatMul;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A 2-D convolution with stride and zero padding, by im2col: each output position's receptive field
 * becomes a row, and the convolution a matrix product with W (C*kh*kw x F). Inputs and outputs
 * are flattened channel-major per example: n x (C*H*W) in, n x (F*outH*outW) out.
 */
public final class Conv2d implements Layer {
    private final int channels;
    private final int height;
    private final int width;
    private final int filters;
    private final int kernel;
    private final int stride;
    private final int padding;
    private final int outH;
    private final int outW;
    private final double scale;
    private final Parameterization parameterization;
    private final Parameter weights;
    private final Parameter bias;

    Conv2d(String name, int channels, int height, int width, int filters, int kernel, int stride, int padding,
           Parameterization parameterization, DataType type, SplittableRandom rng) {
        if (channels < 1 || height < 1 || width < 1 || filters < 1 || kernel < 1 || stride < 1 || padding < 0) {
            throw new IllegalArgumentException("convolution sizes must be positive (padding >= 0); got channels=" + channels + ", "
                    + height + "x" + width + ", filters=" + filters + ", kernel=" + kernel + ", stride=" + stride + ", padding=" + padding);
        }
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.filters = filters;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        this.outH = (height + 2 * padding - kernel) / stride + 1;
        this.outW = (width + 2 * padding - kernel) / stride + 1;
        if (outH < 1 || outW < 1) {
            throw new IllegalArgumentException("a " + kernel + "x" + kernel + " kernel does not fit a " + height + "x" + width
                    + " input with padding " + padding);
        }
        if (parameterization == Parameterization.NTK_SCALED_BIAS) {
            throw new IllegalArgumentException("NTK_SCALED_BIAS is for dense layers; a convolution takes STANDARD or NTK");
        }
        int fanIn = channels * kernel * kernel;
        this.parameterization = parameterization;
        double std = parameterization == Parameterization.NTK ? 1 : 1 / Math.sqrt(fanIn);
        this.scale = parameterization == Parameterization.NTK ? 1 / Math.sqrt(fanIn) : 1;
        double[] w = Gaussian.next(rng, fanIn * filters);
        for (int i = 0; i < w.length; i++) {
            w[i] *= std;
        }
        this.weights = new Parameter(name + ".W", Nd4j.create(w, new long[] {fanIn, filters}, 'c').castTo(type));
        this.bias = new Parameter(name + ".b", Nd4j.zeros(type, 1, filters));
    }

    /** Output height. */
    public int outputHeight() {
        return outH;
    }

    /** Output width. */
    public int outputWidthPixels() {
        return outW;
    }

    @Override
    public int inputWidth() {
        return channels * height * width;
    }

    @Override
    public int outputWidth() {
        return filters * outH * outW;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weights, bias);
    }

    @Override
    public INDArray forward(INDArray input) {
        long n = input.rows();
        INDArray z = Broadcasts.addi(MatMul.of(im2col(input), false, weights.value(), false, scale), bias.value());
        return z.reshape(n, (long) outH * outW, filters).permute(0, 2, 1).dup('c').reshape(n, (long) filters * outH * outW);
    }

    @Override
    public INDArray backward(INDArray input, INDArray output, INDArray outputGradient, Gradients gradients, boolean inputGradient) {
        INDArray g = rows(outputGradient);
        if (gradients != null) {
            gradients.accumulate(weights, MatMul.of(im2col(input), true, g, false, scale));
            gradients.accumulate(bias, g.sum(true, 0));
        }
        return inputGradient ? col2im(MatMul.of(g, false, weights.value(), true, scale), input.rows(), input.dataType()) : null;
    }

    @Override
    public INDArray perExampleGradients(INDArray input, INDArray outputGradient) {
        long n = input.rows();
        int positions = outH * outW;
        INDArray cols = im2col(input);
        INDArray g = rows(outputGradient);
        int fanIn = channels * kernel * kernel;
        INDArray out = Nd4j.create(input.dataType(), n, (long) fanIn * filters + filters);
        for (int i = 0; i < n; i++) {
            INDArray ci = cols.get(NDArrayIndex.interval((long) i * positions, (long) (i + 1) * positions), NDArrayIndex.all());
            INDArray gi = g.get(NDArrayIndex.interval((long) i * positions, (long) (i + 1) * positions), NDArrayIndex.all());
            INDArray gw = MatMul.of(ci, true, gi, false, scale);
            out.get(NDArrayIndex.point(i), NDArrayIndex.interval(0, (long) fanIn * filters)).assign(gw.reshape(1, (long) fanIn * filters));
            out.get(NDArrayIndex.point(i), NDArrayIndex.interval((long) fanIn * filters, (long) fanIn * filters + filters)).assign(gi.sum(0));
        }
        return out;
    }

    /** dL/d(out), n x (F*outH*outW) channel-major, as (n*outH*outW) x F rows. */
    private INDArray rows(INDArray outputGradient) {
        long n = outputGradient.rows();
        return outputGradient.reshape(n, filters, (long) outH * outW).permute(0, 2, 1).dup('c').reshape(n * outH * outW, filters);
    }

    /** (n*outH*outW) x (C*k*k): row (i, y, x) holds the receptive field of output (y, x) of example i. */
    INDArray im2col(INDArray input) {
        int n = (int) input.rows();
        double[] x = input.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        int fanIn = channels * kernel * kernel;
        double[] cols = new double[n * outH * outW * fanIn];
        int plane = height * width;
        for (int i = 0; i < n; i++) {
            for (int oy = 0; oy < outH; oy++) {
                for (int ox = 0; ox < outW; ox++) {
                    int row = ((i * outH + oy) * outW + ox) * fanIn;
                    for (int c = 0; c < channels; c++) {
                        for (int ky = 0; ky < kernel; ky++) {
                            int iy = oy * stride + ky - padding;
                            for (int kx = 0; kx < kernel; kx++) {
                                int ix = ox * stride + kx - padding;
                                if (iy >= 0 && iy < height && ix >= 0 && ix < width) {
                                    cols[row + (c * kernel + ky) * kernel + kx] = x[i * channels * plane + c * plane + iy * width + ix];
                                }
                            }
                        }
                    }
                }
            }
        }
        return Nd4j.create(cols, new long[] {(long) n * outH * outW, fanIn}, 'c').castTo(input.dataType());
    }

    /** The adjoint of {@link #im2col}: sums each row back onto the pixels it came from. */
    private INDArray col2im(INDArray gcols, long n, DataType type) {
        double[] g = gcols.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        int fanIn = channels * kernel * kernel;
        int plane = height * width;
        double[] x = new double[(int) n * channels * plane];
        for (int i = 0; i < n; i++) {
            for (int oy = 0; oy < outH; oy++) {
                for (int ox = 0; ox < outW; ox++) {
                    int row = ((i * outH + oy) * outW + ox) * fanIn;
                    for (int c = 0; c < channels; c++) {
                        for (int ky = 0; ky < kernel; ky++) {
                            int iy = oy * stride + ky - padding;
                            for (int kx = 0; kx < kernel; kx++) {
                                int ix = ox * stride + kx - padding;
                                if (iy >= 0 && iy < height && ix >= 0 && ix < width) {
                                    x[i * channels * plane + c * plane + iy * width + ix] += g[row + (c * kernel + ky) * kernel + kx];
                                }
                            }
                        }
                    }
                }
            }
        }
        return Nd4j.create(x, new long[] {n, (long) channels * plane}, 'c').castTo(type);
    }

    @Override
    public String describe() {
        return "conv(" + channels + "x" + height + "x" + width + " -> " + filters + "x" + outH + "x" + outW + ", k" + kernel
                + " s" + stride + " p" + padding + ", " + parameterization.name().toLowerCase() + ")";
    }
}
