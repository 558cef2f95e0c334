package dev.plugbench.plugins.attribution;

import dev.plugbench.api.MethodInfo;
import dev.plugbench.api.Params;
import dev.plugbench.api.attribution.KernelRequest;
import dev.plugbench.api.attribution.SurrogateFeatureSpace;
import dev.plugbench.api.model.DifferentiableModel;
import dev.plugbench.toolkit.linalg.MatMul;
import dev.plugbench.toolkit.nn.TangentKernels;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pf4j.Extension;

/** Grad-Cos (TracIn-style): the cosine of per-example loss gradients over all parameters; uses the labels (baseline). */
@Extension
public final class GradientCosine implements SurrogateFeatureSpace {
    static final MethodInfo INFO = MethodInfo.of("grad-cos", FAMILY, "Gradient cosine (TracIn)", MethodInfo.BASELINE);

    @Override
    public MethodInfo info() {
        return INFO;
    }

    @Override
    public INDArray kernel(KernelRequest r, Params params, long seed) {
        DifferentiableModel net = r.model();
        if (!r.hasLabels()) {
            throw new IllegalArgumentException("kernel 'grad-cos' uses loss gradients, so it needs the labels of both sides");
        }
        if (KernelSupport.isDense(net)) {
            INDArray ul = LossGradients.loss(r.leftLabels()).of(0, net.forward(r.left()));
            INDArray ur = r.left() == r.right() ? ul : LossGradients.loss(r.rightLabels()).of(0, net.forward(r.right()));
            return KernelSupport.cosine(TangentKernels.weighted(net, r.left(), ul, r.right(), ur, true),
                    TangentKernels.weightedDiagonal(net, r.left(), ul, true), TangentKernels.weightedDiagonal(net, r.right(), ur, true), INFO.id());
        }
        return materialised(net, r);
    }

    /** The same kernel from the materialised n x P per-example gradients (any network; memory-bound). */
    static INDArray materialised(DifferentiableModel net, KernelRequest r) {
        KernelSupport.checkMemory(INFO.id(), (r.left().rows() + r.right().rows()) * net.parameterCount(), "the per-example gradients");
        INDArray jl = GradientProjection.gradients(net, r.left(), LossGradients.loss(r.leftLabels()));
        INDArray jr = r.left() == r.right() ? jl : GradientProjection.gradients(net, r.right(), LossGradients.loss(r.rightLabels()));
        return KernelSupport.cosine(MatMul.of(jl, false, jr, true, 1), KernelSupport.rowSquares(jl), KernelSupport.rowSquares(jr), INFO.id());
    }
}
