package dev.plugbench.plugins.attribution;

import dev.plugbench.api.MethodInfo;
import dev.plugbench.api.Params;
import dev.plugbench.api.attribution.KernelRequest;
import dev.plugbench.api.attribution.SurrogateFeatureSpace;
import dev.plugbench.api.model.DifferentiableModel;
import dev.plugbench.toolkit.nn.TangentKernels;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pf4j.Extension;

/**
 * trNTK^0: the unnormalised trace NTK, divided by the standard deviation of its training block
 * K(right, right) (the paper's scaling of the raw baseline, so that kernel machines see O(1) values).
 */
@Extension
public final class RawTraceNtk implements SurrogateFeatureSpace {
    static final MethodInfo INFO = MethodInfo.of("trntk-raw", FAMILY, "trNTK0 (unnormalised)", "arXiv 2305.14585");

    @Override
    public MethodInfo info() {
        return INFO;
    }

    @Override
    public INDArray kernel(KernelRequest r, Params params, long seed) {
        DifferentiableModel net = r.model();
        INDArray block = TangentKernels.trace(net, r.right(), r.right(), true);
        double std = block.stdNumber().doubleValue();
        if (!(std > 0)) {
            throw new IllegalArgumentException("kernel 'trntk-raw': the training block is constant, so its scale is undefined");
        }
        INDArray k = r.left() == r.right() ? block : TangentKernels.trace(net, r.left(), r.right(), true);
        return k.div(std);
    }
}
