package dev.plugbench.plugins.attribution;

import dev.plugbench.toolkit.data.Gaussian;
import dev.plugbench.toolkit.linalg.MatMul;
import dev.plugbench.toolkit.nn.Network;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Per-example gradients, materialised in row chunks, optionally projected to k dimensions by a
 * seeded Gaussian matrix with N(0, 1/k) entries (a Johnson-Lindenstrauss projection).
 */
final class GradientProjection {
    /** Rows x P doubles per chunk. */
    private static final long CHUNK_DOUBLES = 2L << 20;

    private final INDArray projection;

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
    INDArray project(Network net, INDArray x, OutputGradient outputGradients) {
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

    /** Per-example gradients without projection, n x P (callers check the memory first). */
    static INDArray gradients(Network net, INDArray x, OutputGradient outputGradients) {
        return gradients(net, x, outputGradients, chunkRows(net));
    }

    /** As above, in chunks of {@code rows} examples. */
    static INDArray gradients(Network net, INDArray x, OutputGradient outputGradients, long rows) {
        INDArray out = Nd4j.create(DataType.DOUBLE, x.rows(), net.parameterCount());
        for (long start = 0; start < x.rows(); start += rows) {
            long end = Math.min(x.rows(), start + rows);
            INDArray chunk = x.get(NDArrayIndex.interval(start, end), NDArrayIndex.all());
            out.get(NDArrayIndex.interval(start, end), NDArrayIndex.all())
                    .assign(net.perExampleGradients(chunk, outputGradients.of(start, net.forward(chunk))));
        }
        return out;
    }

    private static long chunkRows(Network net) {
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
