package dev.plugbench.toolkit.nn;

import dev.plugbench.toolkit.linalg.Broadcasts;
import dev.plugbench.api.model.DifferentiableModel;
import dev.plugbench.api.model.LayerInfo;
import dev.plugbench.toolkit.linalg.MatMul;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Kernels of a network between two sets of inputs, computed layer by layer from activations and
 * backpropagated signals, never materialising the n x P Jacobian. For a dense layer with input A,
 * scale s and signal D_c (gradient of output c with respect to the layer's output), the parameters'
 * share of the tangent kernel of output c is (s^2 A A'^T + b) o (D_c D_c'^T), with b the square of
 * the bias's scale (0 to leave biases out). Any {@link DifferentiableModel} made of dense and
 * activation layers (a toolkit {@link Network} or not).
 */
public final class TangentKernels {
    private static final String WORKSPACE = "plugbench-kernels";

    private TangentKernels() {
    }

    /**
     * The trace NTK, sum over outputs c of the tangent kernel of output c:
     * K(x, x') = sum_c <grad f_c(x), grad f_c(x')>, |left| x |right|. Temporaries live in a reused
     * per-thread workspace (fresh allocations make ND4J's off-heap garbage pile up); the result lives outside it.
     */
    public static INDArray trace(DifferentiableModel net, INDArray left, INDArray right, boolean biases) {
        try (MemoryWorkspace ws = StepWorkspace.open(WORKSPACE)) {
            return traceUnscoped(net, left, right, biases).detach();
        }
    }

    /** The computation of {@link #trace}, allocating in the caller's workspace. */
    private static INDArray traceUnscoped(DifferentiableModel net, INDArray left, INDArray right, boolean biases) {
        requireDense(net, "the trace NTK");
        Signals l = Signals.of(net, left);
        // sum_c D_c D_c'^T as one product of the class signals side by side
        return layerwise(net, l, left == right ? l : Signals.of(net, right), biases, TangentKernels::concatenated);
    }

    /** [D_0 D_1 ... D_{C-1}] of one layer: n x (C * width). */
    private static INDArray concatenated(Signals s, int layer) {
        INDArray[] parts = new INDArray[s.byOutput().size()];
        for (int c = 0; c < parts.length; c++) {
            parts[c] = s.signal(c, layer).castTo(DataType.DOUBLE);
        }
        return parts.length == 1 ? parts[0] : Nd4j.hstack(parts);
    }

    /** The tangent kernel of output c alone. */
    public static INDArray ofOutput(DifferentiableModel net, INDArray left, INDArray right, int c, boolean biases) {
        requireDense(net, "the NTK");
        try (MemoryWorkspace ws = StepWorkspace.open(WORKSPACE)) {
            Signals l = Signals.of(net, left);
            return ofOutput(net, l, left == right ? l : Signals.of(net, right), c, biases).detach();
        }
    }

    /**
     * The pseudo-NTK of Mohamadi et al.: the kernel of the summed output, divided by the number of
     * outputs, (1/C) <grad sum_c f_c(x), grad sum_c f_c(x')>. Temporaries live in a reused per-thread workspace; the result lives outside it.
     */
    public static INDArray pseudo(DifferentiableModel net, INDArray left, INDArray right, boolean biases) {
        try (MemoryWorkspace ws = StepWorkspace.open(WORKSPACE)) {
            return pseudoUnscoped(net, left, right, biases).detach();
        }
    }

    /** The computation of {@link #pseudo}, allocating in the caller's workspace. */
    private static INDArray pseudoUnscoped(DifferentiableModel net, INDArray left, INDArray right, boolean biases) {
        requireDense(net, "the pseudo-NTK");
        Signals l = Signals.of(net, left);
        return layerwise(net, l, left == right ? l : Signals.of(net, right), biases, TangentKernels::summed).divi(net.outputWidth());
    }

    /**
     * The tangent kernel of per-example combinations of the outputs, K(x, x') = &lt;grad u(x)^T f(x),
     * grad u(x')^T f(x')&gt; with u held fixed: n x C {@code leftWeights} and m x C {@code rightWeights}
     * (one row per input). With u = d loss / d outputs it is the Gram matrix of per-example loss
     * gradients. Temporaries live in a reused per-thread workspace; the result lives outside it.
     */
    public static INDArray weighted(DifferentiableModel net, INDArray left, INDArray leftWeights, INDArray right, INDArray rightWeights, boolean biases) {
        requireDense(net, "the weighted-output kernel");
        checkWeights(net, left, leftWeights);
        checkWeights(net, right, rightWeights);
        try (MemoryWorkspace ws = StepWorkspace.open(WORKSPACE)) {
            Signals l = Signals.of(net, left);
            Signals r = left == right ? l : Signals.of(net, right);
            BiFunction<Signals, Integer, INDArray> leftSignal = weightedBy(leftWeights);
            BiFunction<Signals, Integer, INDArray> rightSignal = left == right && leftWeights == rightWeights ? leftSignal : weightedBy(rightWeights);
            return layerwise(net, l, r, biases, leftSignal, rightSignal).detach();
        }
    }

    /** The diagonal of {@link #weighted} with both sides the same. */
    public static INDArray weightedDiagonal(DifferentiableModel net, INDArray x, INDArray weights, boolean biases) {
        requireDense(net, "the weighted-output kernel");
        checkWeights(net, x, weights);
        try (MemoryWorkspace ws = StepWorkspace.open(WORKSPACE)) {
            return layerwiseDiagonal(net, Signals.of(net, x), biases, weightedBy(weights)).detach();
        }
    }

    private static void checkWeights(DifferentiableModel net, INDArray x, INDArray weights) {
        if (weights.rank() != 2 || weights.rows() != x.rows() || weights.columns() != net.outputWidth()) {
            throw new IllegalArgumentException("output weights must be one row of " + net.outputWidth() + " per input (" + x.rows()
                    + " x " + net.outputWidth() + "); got " + java.util.Arrays.toString(weights.shape()));
        }
    }

    /** The signal of u^T f for one layer: sum over outputs c of u_c (a column, one entry per row) times D_c. */
    private static BiFunction<Signals, Integer, INDArray> weightedBy(INDArray weights) {
        INDArray u = weights.castTo(DataType.DOUBLE);
        return (s, layer) -> {
            INDArray sum = null;
            for (int c = 0; c < s.byOutput().size(); c++) {
                INDArray d = Broadcasts.muli(s.signal(c, layer).castTo(DataType.DOUBLE).dup(), u.getColumn(c).reshape(u.rows(), 1));
                sum = sum == null ? d : sum.addi(d);
            }
            return sum;
        };
    }

    /** The diagonal K(x_i, x_i) of {@link #trace}, in O(n) memory (for cosine normalisation). Temporaries live in a reused per-thread workspace. */
    public static INDArray traceDiagonal(DifferentiableModel net, INDArray x, boolean biases) {
        try (MemoryWorkspace ws = StepWorkspace.open(WORKSPACE)) {
            return traceDiagonalUnscoped(net, x, biases).detach();
        }
    }

    /** The computation of {@link #traceDiagonal}, allocating in the caller's workspace. */
    private static INDArray traceDiagonalUnscoped(DifferentiableModel net, INDArray x, boolean biases) {
        requireDense(net, "the trace NTK");
        return layerwiseDiagonal(net, Signals.of(net, x), biases, TangentKernels::concatenated);
    }

    /** The diagonal of {@link #pseudo}. Temporaries live in a reused per-thread workspace. */
    public static INDArray pseudoDiagonal(DifferentiableModel net, INDArray x, boolean biases) {
        try (MemoryWorkspace ws = StepWorkspace.open(WORKSPACE)) {
            return pseudoDiagonalUnscoped(net, x, biases).detach();
        }
    }

    /** The computation of {@link #pseudoDiagonal}, allocating in the caller's workspace. */
    private static INDArray pseudoDiagonalUnscoped(DifferentiableModel net, INDArray x, boolean biases) {
        requireDense(net, "the pseudo-NTK");
        return layerwiseDiagonal(net, Signals.of(net, x), biases, TangentKernels::summed).divi(net.outputWidth());
    }

    private static INDArray rowSquares(INDArray a) {
        INDArray d = a.castTo(DataType.DOUBLE);
        return d.mul(d).sum(true, 1);
    }

    /** The conjugate-kernel features: the input of the last dense layer (n x its width). Temporaries live in a reused per-thread workspace. */
    public static INDArray lastHiddenFeatures(DifferentiableModel net, INDArray x) {
        try (MemoryWorkspace ws = StepWorkspace.open(WORKSPACE)) {
            return lastHiddenFeaturesUnscoped(net, x).detach();
        }
    }

    /** The computation of {@link #lastHiddenFeatures}, allocating in the caller's workspace. */
    private static INDArray lastHiddenFeaturesUnscoped(DifferentiableModel net, INDArray x) {
        requireDense(net, "the conjugate kernel");
        List<INDArray> activations = net.activations(x);
        List<LayerInfo> layers = net.layerInfo();
        for (int l = layers.size() - 1; l >= 0; l--) {
            if (layers.get(l).kind() == LayerInfo.Kind.DENSE) {
                return activations.get(l);
            }
        }
        throw new IllegalArgumentException("the network has no dense layer");
    }

    private static INDArray ofOutput(DifferentiableModel net, Signals l, Signals r, int c, boolean biases) {
        return layerwise(net, l, r, biases, (s, layer) -> s.signal(c, layer).castTo(DataType.DOUBLE));
    }

    /**
     * sum over dense layers of (s^2 A A'^T + b) o (S S'^T), where S is the signal matrix that
     * {@code signal} picks for the layer (one output's, the outputs' side by side, or their sum).
     */
    private static INDArray layerwise(DifferentiableModel net, Signals l, Signals r, boolean biases, BiFunction<Signals, Integer, INDArray> signal) {
        return layerwise(net, l, r, biases, signal, signal);
    }

    /** As above, with the right-hand signal matrices picked by {@code rightSignal}. */
    private static INDArray layerwise(DifferentiableModel net, Signals l, Signals r, boolean biases, BiFunction<Signals, Integer, INDArray> signal,
                                      BiFunction<Signals, Integer, INDArray> rightSignal) {
        INDArray k = Nd4j.zeros(DataType.DOUBLE, l.trace().input(0).rows(), r.trace().input(0).rows());
        List<LayerInfo> layers = net.layerInfo();
        for (int layer = 0; layer < layers.size(); layer++) {
            LayerInfo d = layers.get(layer);
            if (d.kind() == LayerInfo.Kind.DENSE) {
                INDArray sl = signal.apply(l, layer);
                INDArray sr = l == r && signal == rightSignal ? sl : rightSignal.apply(r, layer);
                k.addi(inputs(d, l.trace().input(layer), r.trace().input(layer), biases).muli(MatMul.of(sl, false, sr, true, 1)));
            }
        }
        return k;
    }

    /** The diagonal of {@link #layerwise} with both sides the same: (s^2 |a|^2 + b) |s|^2 summed over layers. */
    private static INDArray layerwiseDiagonal(DifferentiableModel net, Signals s, boolean biases, BiFunction<Signals, Integer, INDArray> signal) {
        INDArray diag = Nd4j.zeros(DataType.DOUBLE, s.trace().input(0).rows(), 1);
        List<LayerInfo> layers = net.layerInfo();
        for (int layer = 0; layer < layers.size(); layer++) {
            LayerInfo d = layers.get(layer);
            if (d.kind() == LayerInfo.Kind.DENSE) {
                INDArray inputs = rowSquares(s.trace().input(layer)).muli(d.weightScale() * d.weightScale());
                if (biases) {
                    inputs.addi(d.biasScale() * d.biasScale());
                }
                diag.addi(inputs.muli(rowSquares(signal.apply(s, layer))));
            }
        }
        return diag;
    }

    private static INDArray inputs(LayerInfo d, INDArray a, INDArray b, boolean biases) {
        INDArray k = MatMul.of(a.castTo(DataType.DOUBLE), false, b.castTo(DataType.DOUBLE), true, d.weightScale() * d.weightScale());
        return biases ? k.addi(d.biasScale() * d.biasScale()) : k;
    }

    private static INDArray summed(Signals s, int layer) {
        INDArray sum = null;
        for (int c = 0; c < s.byOutput().size(); c++) {
            INDArray d = s.signal(c, layer).castTo(DataType.DOUBLE);
            sum = sum == null ? d.dup() : sum.addi(d);
        }
        return sum;
    }

    private static void requireDense(DifferentiableModel net, String what) {
        List<String> other = new ArrayList<>();
        for (LayerInfo l : net.layerInfo()) {
            if (l.kind() == LayerInfo.Kind.OTHER) {
                other.add(l.name());
            }
        }
        if (!other.isEmpty()) {
            throw new IllegalArgumentException(what + " is computed layer by layer for dense networks only; this model has layers "
                    + other + " of another kind: use DifferentiableModel.perExampleGradients for the exact Jacobian instead");
        }
    }
}
