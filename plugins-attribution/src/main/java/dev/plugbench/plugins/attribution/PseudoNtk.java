package dev.plugbench.plugins.attribution;

import dev.plugbench.api.MethodInfo;
import dev.plugbench.api.Params;
import dev.plugbench.api.attribution.KernelRequest;
import dev.plugbench.api.attribution.SurrogateFeatureSpace;
import dev.plugbench.api.model.DifferentiableModel;
import dev.plugbench.toolkit.nn.TangentKernels;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pf4j.Extension;

/** pNTK (Mohamadi et al. 2023): the kernel of the gradient of the summed logits, over C, cosine-normalised. */
@Extension
public final class PseudoNtk implements SurrogateFeatureSpace {
    static final MethodInfo INFO = MethodInfo.of("pntk", FAMILY, "pNTK (normalised)", "arXiv 2305.14585");

    @Override
    public MethodInfo info() {
        return INFO;
    }

    @Override
    public INDArray kernel(KernelRequest r, Params params, long seed) {
        DifferentiableModel net = r.model();
        INDArray k = TangentKernels.pseudo(net, r.left(), r.right(), true);
        return KernelSupport.cosine(k, TangentKernels.pseudoDiagonal(net, r.left(), true),
                TangentKernels.pseudoDiagonal(net, r.right(), true), INFO.id());
    }
}
