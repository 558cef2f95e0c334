package dev.plugbench.plugins.attribution;

import dev.plugbench.api.model.DifferentiableModel;
import dev.plugbench.api.model.LayerInfo;
import dev.plugbench.toolkit.data.Gaussian;
import dev.plugbench.toolkit.linalg.Buffers;
import dev.plugbench.toolkit.linalg.MatMul;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Per-example gradients, materialised in row chunks, optionally projected to k dimensions by a
 * seeded Gaussian matrix with N(0, 1/k) entries (a Johnson-Lindenstrauss projection). For a network
 * of dense layers the projection is taken layer by layer, without materialising the n x P
 * gradients: a dense layer's per-example weight gradient is s a_i d_i^T (input a_i, backpropagated
 * signal d_i), so its projection is s sum_(a,b) a_ia d_ib P_(r,a,b): one matrix product per layer
 * with the layer's block of the projection, against the signal or the input (whichever side is
 * narrower, so the intermediate is n x k min(in, out)), then a contraction over the other side.
 */
final class GradientProjection {
    /** Rows x P doubles per chunk. */
    private static final long CHUNK_DOUBLES = 2L << 20;

    private final INDArray projection;
    /** Blocks by layer and layout (2 layer + 1 when contracted with the signal first). */
    private final java.util.Map<Integer, INDArray> weightBlocks = new java.util.concurrent.ConcurrentHashMap<>();

    /** A k x P projection drawn from {@code seed}. */
    GradientProjection(long parameters, int k, long seed, String method) {
        KernelSupport.checkMemory(method, k * parameters, "the " + k + " x " + parameters + " projection matrix");
        double[] p = Gaussian.next(new SplittableRandom(seed), (int) (k * parameters));
        double scale = 1 / Math.sqrt(k);
        for (int i = 0; i < p.length; i++) {
            p[i] *= scale;
        }
        this.projection = Nd4j.create(p, new long[] {k, parameters}, 'c');
    }

    /**
     * For each row of x, P times the gradient of sum_j g_ij f_j(x_i), where g = outputGradients(rows).
     * Returns n x k.
     */
    INDArray project(DifferentiableModel net, INDArray x, OutputGradient outputGradients) {
        return KernelSupport.isDense(net) ? projectLayerByLayer(net, x, outputGradients) : projectMaterialised(net, x, outputGradients);
    }

    /** {@link #project} from the materialised per-example gradients, in row chunks (any network). */
    INDArray projectMaterialised(DifferentiableModel net, INDArray x, OutputGradient outputGradients) {
        long rows = chunkRows(net);
        INDArray out = Nd4j.create(DataType.DOUBLE, x.rows(), projection.rows());
        for (long start = 0; start < x.rows(); start += rows) {
            long end = Math.min(x.rows(), start + rows);
            INDArray chunk = x.get(NDArrayIndex.interval(start, end), NDArrayIndex.all());
            INDArray j = net.perExampleGradients(chunk, outputGradients.of(start, net.forward(chunk))).castTo(DataType.DOUBLE);
            out.get(NDArrayIndex.interval(start, end), NDArrayIndex.all()).assign(MatMul.of(j, false, projection, true, 1));
        }
        return out;
    }

    /** {@link #project} for dense networks, from each layer's inputs and signals (see the class comment). */
    INDArray projectLayerByLayer(DifferentiableModel net, INDArray x, OutputGradient outputGradients) {
        int k = (int) projection.rows();
        long chunk = Math.max(1, CHUNK_DOUBLES / ((long) k * narrowestSide(net)));
        INDArray out = Nd4j.create(DataType.DOUBLE, x.rows(), k);
        for (long start = 0; start < x.rows(); start += chunk) {
            long end = Math.min(x.rows(), start + chunk);
            INDArray rows = x.get(NDArrayIndex.interval(start, end), NDArrayIndex.all());
            List<INDArray> activations = net.activations(rows);
            List<INDArray> signals = net.outputGradients(activations, outputGradients.of(start, activations.get(activations.size() - 1)));
            int n = (int) (end - start);
            double[] f = new double[n * k];
            forEachDenseLayer(net, (l, d, offset) -> {
                int in = d.inputWidth();
                int width = d.outputWidth();
                INDArray signal = signals.get(l).castTo(DataType.DOUBLE);
                INDArray input = activations.get(l).castTo(DataType.DOUBLE);
                // contract the block with the narrower side first: an n x (k min(in, out)) intermediate
                boolean signalFirst = width >= in;
                double[] q = Buffers.rowMajor(signalFirst ? MatMul.of(signal, false, weightBlock(l, offset, in, width, true), true, 1)
                        : MatMul.of(input, false, weightBlock(l, offset, in, width, false), false, 1));
                addContraction(Buffers.rowMajor(signalFirst ? input : signal), q, n, k, signalFirst ? in : width, d.weightScale(), null, f, k, 0);
                double[] bias = Buffers.rowMajor(MatMul.of(signal, false, biasBlock(offset, d), true, d.biasScale()));
                for (int i = 0; i < f.length; i++) {
                    f[i] += bias[i];
                }
            });
            out.get(NDArrayIndex.interval(start, end), NDArrayIndex.all()).assign(Nd4j.create(f, new long[] {n, k}, 'c'));
        }
        return out;
    }

    /**
     * The projected gradients of every output unit c = 0..C-1 side by side: an n x (C k) matrix whose
     * columns [c k, (c + 1) k) are {@code project(net, x, unit(c))}. For dense networks each layer's
     * input is contracted with the projection once and reused for every class (the classes differ
     * only in their signals), which takes about 1/C of the time of C separate projections.
     */
    INDArray projectEachClass(DifferentiableModel net, INDArray x) {
        int classes = net.outputWidth();
        int k = (int) projection.rows();
        if (!KernelSupport.isDense(net)) {
            INDArray[] blocks = new INDArray[classes];
            for (int c = 0; c < classes; c++) {
                blocks[c] = projectMaterialised(net, x, unit(c));
            }
            return Nd4j.hstack(blocks);
        }
        long widest = net.layerInfo().stream().filter(l -> l.kind() == LayerInfo.Kind.DENSE).mapToLong(LayerInfo::outputWidth).max().orElse(1);
        long chunk = Math.max(1, CHUNK_DOUBLES / ((long) k * widest));
        INDArray out = Nd4j.create(DataType.DOUBLE, x.rows(), (long) classes * k);
        for (long start = 0; start < x.rows(); start += chunk) {
            long end = Math.min(x.rows(), start + chunk);
            INDArray rows = x.get(NDArrayIndex.interval(start, end), NDArrayIndex.all());
            List<INDArray> activations = net.activations(rows);
            INDArray outputs = activations.get(activations.size() - 1);
            List<List<INDArray>> signals = new ArrayList<>();
            for (int c = 0; c < classes; c++) {
                signals.add(net.outputGradients(activations, unit(c).of(start, outputs)));
            }
            int n = (int) (end - start);
            double[] f = new double[n * classes * k];
            forEachDenseLayer(net, (l, d, offset) -> {
                int width = d.outputWidth();
                // the input side once: q[i][r][b] = sum_a input_ia P_(r,a,b), n x (k width)
                double[] q = Buffers.rowMajor(MatMul.of(activations.get(l).castTo(DataType.DOUBLE), false,
                        weightBlock(l, offset, d.inputWidth(), width, false), false, 1));
                INDArray biasBlock = biasBlock(offset, d);
                for (int c = 0; c < classes; c++) {
                    INDArray signal = signals.get(c).get(l).castTo(DataType.DOUBLE);
                    double[] bias = Buffers.rowMajor(MatMul.of(signal, false, biasBlock, true, d.biasScale()));
                    addContraction(Buffers.rowMajor(signal), q, n, k, width, d.weightScale(), bias, f, classes * k, c * k);
                }
            });
            out.get(NDArrayIndex.interval(start, end), NDArrayIndex.all()).assign(Nd4j.create(f, new long[] {n, (long) classes * k}, 'c'));
        }
        return out;
    }

    /** What {@link #forEachDenseLayer} does with a dense layer: its index, description, and first parameter's offset. */
    private interface DenseLayerAction {
        void accept(int layer, LayerInfo info, long offset);
    }

    /** Calls {@code action} for each dense layer of {@code net}, with the offset of its parameters (W, then b) in the gradient. */
    private static void forEachDenseLayer(DifferentiableModel net, DenseLayerAction action) {
        List<LayerInfo> layers = net.layerInfo();
        long offset = 0;
        for (int l = 0; l < layers.size(); l++) {
            LayerInfo d = layers.get(l);
            if (d.kind() != LayerInfo.Kind.DENSE) {
                continue;
            }
            action.accept(l, d, offset);
            offset += (long) d.inputWidth() * d.outputWidth() + d.outputWidth();
        }
    }

    /** The projection's columns for the bias of the dense layer whose parameters start at {@code offset}: k x out. */
    private INDArray biasBlock(long offset, LayerInfo d) {
        long start = offset + (long) d.inputWidth() * d.outputWidth();
        return projection.get(NDArrayIndex.all(), NDArrayIndex.interval(start, start + d.outputWidth()));
    }

    /**
     * f[i rowStride + column + r] += scale sum_j side[i inner + j] q[(i k + r) inner + j] (+ bias[i k + r]
     * when given), for the n rows and k projections: the contraction of a layer's block with its
     * other side.
     */
    private static void addContraction(double[] side, double[] q, int n, int k, int inner, double scale, double[] bias, double[] f,
                                       int rowStride, int column) {
        for (int i = 0; i < n; i++) {
            int target = i * rowStride + column;
            for (int r = 0; r < k; r++) {
                double sum = 0;
                int base = (i * k + r) * inner;
                for (int j = 0; j < inner; j++) {
                    sum += side[i * inner + j] * q[base + j];
                }
                f[target + r] += bias == null ? scale * sum : scale * sum + bias[i * k + r];
            }
        }
    }

    /**
     * The projection's columns for a dense layer's weights (at {@code offset}, in x out row-major) as
     * a (k in) x out matrix (contracted with the signal first), or as in x (k out) (with the input first).
     */
    private INDArray weightBlock(int layer, long offset, int in, int width, boolean signalFirst) {
        return weightBlocks.computeIfAbsent(2 * layer + (signalFirst ? 1 : 0), l -> {
            INDArray block = projection.get(NDArrayIndex.all(), NDArrayIndex.interval(offset, offset + (long) in * width)).dup('c');
            long k = projection.rows();
            return signalFirst ? block.reshape('c', k * in, width)
                    : block.reshape('c', k, in, width).permute(1, 0, 2).dup('c').reshape('c', in, k * width);
        });
    }

    private static long narrowestSide(DifferentiableModel net) {
        return net.layerInfo().stream().filter(l -> l.kind() == LayerInfo.Kind.DENSE).mapToLong(l -> Math.min(l.inputWidth(), l.outputWidth())).max().orElse(1);
    }


    /** Per-example gradients without projection, n x P (callers check the memory first). */
    static INDArray gradients(DifferentiableModel net, INDArray x, OutputGradient outputGradients) {
        return gradients(net, x, outputGradients, chunkRows(net));
    }

    /** As above, in chunks of {@code rows} examples. */
    static INDArray gradients(DifferentiableModel net, INDArray x, OutputGradient outputGradients, long rows) {
        INDArray out = Nd4j.create(DataType.DOUBLE, x.rows(), net.parameterCount());
        for (long start = 0; start < x.rows(); start += rows) {
            long end = Math.min(x.rows(), start + rows);
            INDArray chunk = x.get(NDArrayIndex.interval(start, end), NDArrayIndex.all());
            out.get(NDArrayIndex.interval(start, end), NDArrayIndex.all())
                    .assign(net.perExampleGradients(chunk, outputGradients.of(start, net.forward(chunk))));
        }
        return out;
    }

    private static long chunkRows(DifferentiableModel net) {
        return Math.max(1, CHUNK_DOUBLES / Math.max(1, net.parameterCount()));
    }

    /**
     * The output gradient g of a chunk of rows: rows [firstRow, firstRow + outputs.rows()) of the
     * whole input, whose outputs are given.
     */
    interface OutputGradient {
        INDArray of(long firstRow, INDArray outputs);
    }

    /** The one-hot gradient e_c for every row. */
    static OutputGradient unit(int c) {
        return (first, out) -> {
            INDArray g = Nd4j.zeros(out.dataType(), out.rows(), out.columns());
            g.get(NDArrayIndex.all(), NDArrayIndex.point(c)).assign(1);
            return g;
        };
    }
}
