package dev.plugbench.plugins.attribution;

import dev.plugbench.api.MethodInfo;
import dev.plugbench.api.ParamSpec;
import dev.plugbench.api.Params;
import dev.plugbench.api.attribution.KernelRequest;
import dev.plugbench.api.attribution.SurrogateFeatureSpace;
import dev.plugbench.toolkit.linalg.MatMul;
import dev.plugbench.toolkit.nn.Network;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pf4j.Extension;

/** TRAK: the Gram matrix of randomly projected gradients of the margin (uses the labels; baseline). */
@Extension
public final class TrakKernel implements SurrogateFeatureSpace {
    static final MethodInfo INFO = new MethodInfo("trak", FAMILY, "TRAK (projected margin gradients)", MethodInfo.BASELINE,
            List.of(ParamSpec.integer("k", 256, 8, 8192, "projection dimension")));

    @Override
    public MethodInfo info() {
        return INFO;
    }

    @Override
    public INDArray kernel(KernelRequest r, Params params, long seed) {
        Network net = KernelSupport.network(r, INFO.id());
        if (!r.hasLabels()) {
            throw new IllegalArgumentException("kernel 'trak' uses the margin of the true class, so it needs the labels of both sides");
        }
        GradientProjection p = new GradientProjection(net.parameterCount(), params.integer("k"), seed, INFO.id());
        INDArray fl = p.project(net, r.left(), LossGradients.margin(r.leftLabels()));
        INDArray fr = r.left() == r.right() ? fl : p.project(net, r.right(), LossGradients.margin(r.rightLabels()));
        return MatMul.of(fl, false, fr, true, 1);
    }
}
