package dev.plugbench.tasks.attribution;

import dev.plugbench.api.Params;
import dev.plugbench.api.attribution.KernelRequest;
import dev.plugbench.api.attribution.SurrogateFeatureSpace;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Calls a surrogate feature space and checks what it returns before anything uses it. */
final class KernelCells {
    private KernelCells() {
    }

    /** The train block and the test rows of a method's kernel, with the seconds they took. */
    record Kernels(INDArray train, INDArray test, double seconds) {
    }

    static Kernels compute(SurrogateFeatureSpace method, Params params, long seed, SurrogateProblem p) {
        long t0 = System.nanoTime();
        INDArray train = method.kernel(new KernelRequest(p.network(), p.trainX(), p.trainX(), p.trainLabels(), p.trainLabels()), params, seed);
        INDArray test = method.kernel(new KernelRequest(p.network(), p.testX(), p.trainX(), p.testLabels(), p.trainLabels()), params, seed);
        double seconds = (System.nanoTime() - t0) / 1e9;
        check(method, train, p.trainX().rows(), p.trainX().rows());
        check(method, test, p.testX().rows(), p.trainX().rows());
        return new Kernels(train, test, seconds);
    }

    private static void check(SurrogateFeatureSpace method, INDArray k, long rows, long cols) {
        if (k == null || k.rank() != 2 || k.rows() != rows || k.columns() != cols) {
            throw new IllegalStateException("kernel '" + method.info().id() + "' returned shape "
                    + (k == null ? "null" : Arrays.toString(k.shape())) + "; expected [" + rows + ", " + cols + "]");
        }
        if (k.isNaN().any() || k.isInfinite().any()) {
            throw new IllegalStateException("kernel '" + method.info().id() + "' returned NaN or infinite values");
        }
    }
}
