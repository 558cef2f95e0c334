package dev.plugbench.plugins.attribution;

import dev.plugbench.api.MethodInfo;
import dev.plugbench.api.Params;
import dev.plugbench.api.attribution.KernelRequest;
import dev.plugbench.api.attribution.SurrogateFeatureSpace;
import dev.plugbench.api.model.DifferentiableModel;
import dev.plugbench.api.model.LayerInfo;
import dev.plugbench.toolkit.nn.TangentKernels;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pf4j.Extension;

/**
 * trNTK: the trace of the empirical NTK, sum over classes of per-class gradient inner products,
 * cosine-normalised (the paper's kernel). Computed layer by layer from activations and
 * backpropagated signals.
 */
@Extension
public final class TraceNtk implements SurrogateFeatureSpace {
    static final MethodInfo INFO = MethodInfo.of("trntk", FAMILY, "trNTK (normalised)", "arXiv 2305.14585");

    @Override
    public MethodInfo info() {
        return INFO;
    }

    @Override
    public INDArray kernel(KernelRequest r, Params params, long seed) {
        DifferentiableModel net = r.model();
        long width = net.layerInfo().stream().mapToLong(LayerInfo::outputWidth).sum();
        KernelSupport.checkMemory(INFO.id(), (r.left().rows() + r.right().rows()) * width * net.outputWidth()
                + r.left().rows() * r.right().rows(), "the per-class signals and the kernel");
        INDArray k = TangentKernels.trace(net, r.left(), r.right(), true);
        return KernelSupport.cosine(k, TangentKernels.traceDiagonal(net, r.left(), true),
                TangentKernels.traceDiagonal(net, r.right(), true), INFO.id());
    }
}
