package dev.plugbench.plugins.attribution;

import dev.plugbench.api.MethodInfo;
import dev.plugbench.api.ParamSpec;
import dev.plugbench.api.Params;
import dev.plugbench.api.attribution.KernelRequest;
import dev.plugbench.api.attribution.SurrogateFeatureSpace;
import dev.plugbench.api.model.DifferentiableModel;
import dev.plugbench.toolkit.linalg.MatMul;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pf4j.Extension;

/**
 * proj-trNTK: each per-class gradient projected to k dimensions by one seeded Gaussian matrix,
 * K = sum_c <P g_c(x), P g_c(x')>, cosine-normalised. Scales to networks whose exact kernel is
 * too large; converges to trNTK as k grows.
 */
@Extension
public final class ProjectedTraceNtk implements SurrogateFeatureSpace {
    private final FeatureCache training = new FeatureCache();

    static final MethodInfo INFO = new MethodInfo("proj-trntk", FAMILY, "proj-trNTK (normalised)", "arXiv 2305.14585",
            List.of(ParamSpec.integer("k", 256, 8, 8192, "projection dimension")));

    @Override
    public MethodInfo info() {
        return INFO;
    }

    @Override
    public INDArray kernel(KernelRequest r, Params params, long seed) {
        DifferentiableModel net = r.model();
        GradientProjection p = new GradientProjection(net.parameterCount(), params.integer("k"), seed, INFO.id());
        // sum over classes of <P g_c(x), P g_c(x')> is the inner product of the class blocks side by side
        FeatureCache.Key rightRows = FeatureCache.Key.of(net, r.right(), params.integer("k"), seed, "every class");
        INDArray fr = training.get(rightRows, () -> p.projectEachClass(net, r.right()));
        INDArray fl = r.left() == r.right() ? fr : p.projectEachClass(net, r.left());
        INDArray k = MatMul.of(fl, false, fr, true, 1);
        INDArray dl = KernelSupport.rowSquares(fl);
        INDArray dr = KernelSupport.rowSquares(fr);
        return KernelSupport.cosine(k, dl, dr, INFO.id());
    }
}
