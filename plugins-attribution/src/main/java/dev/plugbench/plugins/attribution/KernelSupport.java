package dev.plugbench.plugins.attribution;

import dev.plugbench.api.model.DifferentiableModel;
import dev.plugbench.api.model.LayerInfo;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** What the kernels share: the dense-model check, cosine normalisation, a memory guard. */
final class KernelSupport {
    /** Largest kernel or per-example block a method materialises, in bytes. */
    static final long MEMORY_LIMIT = 2L << 30;

    private KernelSupport() {
    }

    /** Whether the model has dense layers and parameter-free activations only (what TangentKernels computes layer by layer). */
    static boolean isDense(DifferentiableModel net) {
        return net.layerInfo().stream().allMatch(l -> l.kind() != LayerInfo.Kind.OTHER);
    }

    /** K_ij / sqrt(dl_i dr_j); a zero self-similarity is refused. */
    static INDArray cosine(INDArray k, INDArray diagLeft, INDArray diagRight, String method) {
        double minL = diagLeft.minNumber().doubleValue();
        double minR = diagRight.minNumber().doubleValue();
        if (minL <= 0 || minR <= 0) {
            throw new IllegalArgumentException("kernel '" + method + "': an input has zero self-similarity, so the cosine "
                    + "normalisation is undefined (a dead network or an all-zero input?)");
        }
        INDArray l = Transforms.sqrt(diagLeft.castTo(DataType.DOUBLE).reshape(diagLeft.length(), 1), true);
        INDArray r = Transforms.sqrt(diagRight.castTo(DataType.DOUBLE).reshape(1, diagRight.length()), true);
        return k.diviColumnVector(l).diviRowVector(r);
    }

    /** Row norms squared of a feature matrix (the diagonal of F F^T). */
    static INDArray rowSquares(INDArray f) {
        INDArray d = f.castTo(DataType.DOUBLE);
        return d.mul(d).sum(true, 1);
    }

    /**
     * Refuses a computation that would need more than {@link #MEMORY_LIMIT}, naming the estimate and
     * the way out.
     */
    static void checkMemory(String method, long doubles, String what) {
        long bytes = doubles * 8;
        if (bytes > MEMORY_LIMIT) {
            throw new IllegalArgumentException(String.format("kernel '%s' would need about %.1f GiB for %s (limit %.1f GiB): "
                    + "use fewer points, or the projected kernel 'proj-trntk' with a moderate k", method, bytes / (double) (1L << 30),
                    what, MEMORY_LIMIT / (double) (1L << 30)));
        }
    }
}
