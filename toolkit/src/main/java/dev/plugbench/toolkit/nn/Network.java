package dev.plugbench.toolkit.nn;

import dev.plugbench.api.model.DifferentiableModel;
import dev.plugbench.api.model.LayerInfo;
import dev.plugbench.api.model.ModelSnapshot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A sequential network of {@link Layer}s in one data type (float32 for fast training, float64 for
 * exact kernels and gradient checks). Built with {@link #builder}; the same seed always gives the
 * same weights. Forward passes are thread-safe; training is not (one trainer owns a network).
 */
public final class Network implements DifferentiableModel {
    private final List<Layer> layers;
    private final DataType type;
    private final List<Parameter> parameters;
    private final List<LayerInfo> layerInfo;
    private long steps;

    private Network(List<Layer> layers, DataType type) {
        this.layers = List.copyOf(layers);
        this.type = type;
        List<Parameter> ps = new ArrayList<>();
        layers.forEach(l -> ps.addAll(l.parameters()));
        this.parameters = List.copyOf(ps);
        List<LayerInfo> info = new ArrayList<>();
        for (int l = 0; l < layers.size(); l++) {
            info.add(info(Integer.toString(l), layers.get(l)));
        }
        this.layerInfo = List.copyOf(info);
    }

    private static LayerInfo info(String name, Layer layer) {
        if (layer instanceof Dense d) {
            return LayerInfo.dense(name, d.inputWidth(), d.outputWidth(), d.scale(), d.biasScale());
        }
        if (layer.parameters().isEmpty() && layer.inputWidth() == layer.outputWidth()) {
            return LayerInfo.activation(name, layer.inputWidth());
        }
        return new LayerInfo(name, LayerInfo.Kind.OTHER, layer.inputWidth(), layer.outputWidth(), 0, 0);
    }

    /** Starts a network taking {@code inputWidth} features, with weights drawn from {@code seed}. */
    public static Builder builder(int inputWidth, DataType type, long seed) {
        return new Builder(inputWidth, type, seed);
    }

    public List<Layer> layers() {
        return layers;
    }

    public DataType dataType() {
        return type;
    }

    /** All parameters, layer by layer. */
    public List<Parameter> parameters() {
        return parameters;
    }

    @Override
    public List<LayerInfo> layerInfo() {
        return layerInfo;
    }

    /** Total number of scalar parameters P. */
    @Override
    public long parameterCount() {
        return parameters.stream().mapToLong(Parameter::size).sum();
    }

    @Override
    public int inputWidth() {
        return layers.get(0).inputWidth();
    }

    @Override
    public int outputWidth() {
        return layers.get(layers.size() - 1).outputWidth();
    }

    @Override
    public INDArray forward(INDArray x) {
        INDArray a = input(x);
        for (Layer l : layers) {
            a = l.forward(a);
        }
        return a;
    }

    /** A forward pass that keeps every layer's input, for backpropagation. */
    public Trace trace(INDArray x) {
        List<INDArray> activations = new ArrayList<>(layers.size() + 1);
        INDArray a = input(x);
        activations.add(a);
        for (Layer l : layers) {
            a = l.forward(a);
            activations.add(a);
        }
        return new Trace(activations);
    }

    @Override
    public List<INDArray> activations(INDArray x) {
        return trace(x).activations();
    }

    @Override
    public List<INDArray> outputGradients(List<INDArray> activations, INDArray outputWeights) {
        if (activations.size() != layers.size() + 1) {
            throw new IllegalArgumentException("a pass through this network has " + (layers.size() + 1) + " activations; got "
                    + activations.size() + ": pass what activations(x) returned");
        }
        return backward(new Trace(activations), outputWeights, false).layerOutputGradients();
    }

    /**
     * Backpropagates dL/d(output) through a traced pass: the parameter gradients (summed over the
     * batch) and dL/d(output of each layer).
     */
    public Backprop backward(Trace trace, INDArray outputGradient) {
        return backward(trace, outputGradient, true);
    }

    /** Backpropagation that skips the parameter gradients when {@code parameterGradients} is false (signals only). */
    Backprop backward(Trace trace, INDArray outputGradient, boolean parameterGradients) {
        checkRows(outputGradient, trace.output(), "the output gradient");
        Gradients gradients = parameterGradients ? new Gradients() : null;
        INDArray[] layerOutputGradients = new INDArray[layers.size()];
        INDArray g = outputGradient.castTo(type);
        for (int l = layers.size() - 1; l >= 0; l--) {
            layerOutputGradients[l] = g;
            g = layers.get(l).backward(trace.input(l), trace.input(l + 1), g, gradients, l > 0);
        }
        return new Backprop(gradients, Arrays.asList(layerOutputGradients));
    }

    /**
     * One training step on a batch: forward, the loss and its gradient, backward, update. Returns
     * the loss. The step's temporaries live in a per-thread ND4J workspace that is reused from step
     * to step, which is several times faster than fresh allocations.
     */
    public double trainStep(INDArray x, INDArray target, Loss loss, Optimizer optimizer) {
        try (MemoryWorkspace ws = StepWorkspace.open()) {
            Trace t = trace(x);
            Loss.Evaluation e = loss.evaluate(t.output(), target);
            optimizer.step(parameters, backward(t, e.gradient()).gradients());
            steps++;
            return e.value();
        }
    }

    /**
     * One training step on a batch that also returns dL/d(input), for a network fed by another
     * one (a decoder behind a quantizer passes it on to the encoder). The returned array is
     * detached from the step's workspace.
     */
    public INDArray trainStepWithInputGradient(INDArray x, INDArray target, Loss loss, Optimizer optimizer) {
        try (MemoryWorkspace ws = StepWorkspace.open()) {
            Trace t = trace(x);
            Loss.Evaluation e = loss.evaluate(t.output(), target);
            Gradients gradients = new Gradients();
            INDArray g = e.gradient().castTo(type);
            for (int l = layers.size() - 1; l >= 0; l--) {
                g = layers.get(l).backward(t.input(l), t.input(l + 1), g, gradients, true);
            }
            optimizer.step(parameters, gradients);
            steps++;
            return g.detach();
        }
    }

    /**
     * One training step with a loss the caller defines by its gradient: {@code outputGradient}
     * maps the batch's outputs to dL/d(outputs). Arrays it creates are step temporaries: it must
     * not keep them.
     */
    public void trainStep(INDArray x, java.util.function.UnaryOperator<INDArray> outputGradient, Optimizer optimizer) {
        trainStep(x, outputGradient, optimizer, parameters);
    }

    /**
     * One training step that updates only {@code trainable} (a subset of {@link #parameters()}; the
     * others stay fixed, e.g. the frozen readout of the paper's two-layer model).
     */
    public void trainStep(INDArray x, java.util.function.UnaryOperator<INDArray> outputGradient, Optimizer optimizer,
                          List<Parameter> trainable) {
        for (Parameter p : trainable) {
            if (!parameters.contains(p)) {
                throw new IllegalArgumentException("parameter " + p + " is not a parameter of this network");
            }
        }
        try (MemoryWorkspace ws = StepWorkspace.open()) {
            Trace t = trace(x);
            optimizer.step(trainable, backward(t, outputGradient.apply(t.output())).gradients());
            steps++;
        }
    }

    /** Training steps taken so far. */
    public long steps() {
        return steps;
    }

    /**
     * The n x P matrix of per-example gradients of sum_j g_ij f_j(x_i): with g = e_c, the
     * gradient of output c; with g = dL/d(output), the per-example loss gradients.
     */
    @Override
    public INDArray perExampleGradients(INDArray x, INDArray outputGradient) {
        Trace t = trace(x);
        checkRows(outputGradient, t.output(), "the output gradient");
        Backprop b = backward(t, outputGradient, false);
        INDArray[] blocks = new INDArray[layers.size()];
        for (int l = 0; l < layers.size(); l++) {
            blocks[l] = layers.get(l).perExampleGradients(t.input(l), b.layerOutputGradients().get(l));
        }
        return Nd4j.hstack(blocks);
    }

    /** Per-example gradients of output unit {@code c}, n x P. */
    public INDArray perExampleGradients(INDArray x, int c) {
        if (c < 0 || c >= outputWidth()) {
            throw new IllegalArgumentException("output unit " + c + " does not exist; the network has " + outputWidth());
        }
        INDArray e = Nd4j.zeros(type, x.rows(), outputWidth());
        e.get(NDArrayIndex.all(), NDArrayIndex.point(c)).assign(1);
        return perExampleGradients(x, e);
    }

    /**
     * The per-example gradients of output {@code c} in chunks of at most {@code chunkRows} examples,
     * so that n x P never has to fit in memory at once; {@code sink} receives (first row, chunk).
     */
    public void perExampleGradients(INDArray x, int c, int chunkRows, java.util.function.BiConsumer<Long, INDArray> sink) {
        if (chunkRows < 1) {
            throw new IllegalArgumentException("chunkRows = " + chunkRows + ": it must be at least 1");
        }
        for (long start = 0; start < x.rows(); start += chunkRows) {
            long end = Math.min(x.rows(), start + chunkRows);
            sink.accept(start, perExampleGradients(x.get(NDArrayIndex.interval(start, end), NDArrayIndex.all()), c));
        }
    }

    @Override
    public ModelSnapshot snapshot() {
        Map<String, INDArray> values = new LinkedHashMap<>();
        parameters.forEach(p -> values.put(p.name(), p.value()));
        return new ModelSnapshot(values, steps);
    }

    /** Sets every parameter to its value in {@code snapshot} (taken from a network of the same architecture). */
    public void restore(ModelSnapshot snapshot) {
        for (Parameter p : parameters) {
            INDArray v = snapshot.parameter(p.name());
            if (!Arrays.equals(v.shape(), p.value().shape())) {
                throw new IllegalArgumentException("parameter '" + p.name() + "' has shape " + Arrays.toString(p.value().shape())
                        + " but the snapshot holds " + Arrays.toString(v.shape()));
            }
            p.value().assign(v);
        }
        steps = snapshot.step();
    }

    /** The difference of two snapshots, parameter by parameter (a - b). */
    public static Map<String, INDArray> difference(ModelSnapshot a, ModelSnapshot b) {
        Map<String, INDArray> d = new LinkedHashMap<>();
        a.parameters().forEach((name, v) -> d.put(name, v.sub(b.parameter(name))));
        return d;
    }

    /** All parameters as one row vector (1 x P), layer by layer, each row-major. */
    public INDArray flatParameters() {
        return Nd4j.hstack(parameters.stream().map(p -> p.value().reshape(1, p.size())).toArray(INDArray[]::new));
    }

    /** Sets all parameters from one 1 x P vector (the layout of {@link #flatParameters}). */
    public void setFlatParameters(INDArray flat) {
        if (flat.length() != parameterCount()) {
            throw new IllegalArgumentException("expected " + parameterCount() + " values, got " + flat.length());
        }
        long offset = 0;
        INDArray row = flat.reshape(1, flat.length());
        for (Parameter p : parameters) {
            p.value().assign(row.get(NDArrayIndex.point(0), NDArrayIndex.interval(offset, offset + p.size())).reshape(p.value().shape()));
            offset += p.size();
        }
    }

    private INDArray input(INDArray x) {
        Objects.requireNonNull(x, "x is null");
        if (x.rank() != 2 || x.columns() != inputWidth()) {
            throw new IllegalArgumentException("the network takes n x " + inputWidth() + " inputs; got shape " + Arrays.toString(x.shape()));
        }
        return x.dataType() == type ? x : x.castTo(type);
    }

    private static void checkRows(INDArray gradient, INDArray output, String what) {
        if (!Arrays.equals(gradient.shape(), output.shape())) {
            throw new IllegalArgumentException(what + " must have the output's shape " + Arrays.toString(output.shape())
                    + "; got " + Arrays.toString(gradient.shape()));
        }
    }

    @Override
    public String toString() {
        return layers.stream().map(Layer::describe).reduce((a, b) -> a + " -> " + b).orElse("empty") + " [" + type + "]";
    }

    /** Adds layers one after the other; each takes the previous layer's output width. */
    public static final class Builder {
        private final List<Layer> layers = new ArrayList<>();
        private final DataType type;
        private final SplittableRandom rng;
        private int width;
        private int channels;
        private int height;
        private int widthPixels;

        private Builder(int inputWidth, DataType type, long seed) {
            if (inputWidth < 1) {
                throw new IllegalArgumentException("inputWidth = " + inputWidth + ": it must be at least 1");
            }
            if (type != DataType.FLOAT && type != DataType.DOUBLE) {
                throw new IllegalArgumentException("networks are float32 or float64; got " + type);
            }
            this.width = inputWidth;
            this.type = type;
            this.rng = new SplittableRandom(seed);
        }

        /** Declares the input as images (channels x height x width, flattened channel-major), for convolutions. */
        public Builder image(int imageChannels, int imageHeight, int imageWidth) {
            if (imageChannels * imageHeight * imageWidth != width) {
                throw new IllegalArgumentException(imageChannels + "x" + imageHeight + "x" + imageWidth + " images do not have "
                        + width + " features");
            }
            channels = imageChannels;
            height = imageHeight;
            widthPixels = imageWidth;
            return this;
        }

        /** A dense layer to {@code out} units. */
        public Builder dense(int out, Parameterization parameterization) {
            layers.add(new Dense(Integer.toString(layers.size()), width, out, parameterization, type, rng));
            width = out;
            channels = 0;
            return this;
        }

        /** An element-wise activation. */
        public Builder activation(Activation activation) {
            layers.add(new ActivationLayer(Objects.requireNonNull(activation, "activation is null"), width));
            return this;
        }

        /** A convolution of the current images to {@code filters} channels (after {@link #image} or another convolution). */
        public Builder conv(int filters, int kernel, int stride, int padding, Parameterization parameterization) {
            if (channels == 0) {
                throw new IllegalStateException("a convolution needs image input: call image(channels, height, width) first");
            }
            Conv2d c = new Conv2d(Integer.toString(layers.size()), channels, height, widthPixels, filters, kernel, stride, padding,
                    parameterization, type, rng);
            layers.add(c);
            channels = filters;
            height = c.outputHeight();
            widthPixels = c.outputWidthPixels();
            width = c.outputWidth();
            return this;
        }

        public Network build() {
            if (layers.isEmpty()) {
                throw new IllegalStateException("a network needs at least one layer");
            }
            return new Network(layers, type);
        }
    }
}
