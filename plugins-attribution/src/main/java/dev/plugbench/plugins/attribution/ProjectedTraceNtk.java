package dev.plugbench.plugins.attribution;

import dev.plugbench.api.MethodInfo;
import dev.plugbench.api.ParamSpec;
import dev.plugbench.api.Params;
import dev.plugbench.api.attribution.KernelRequest;
import dev.plugbench.api.attribution.SurrogateFeatureSpace;
import dev.plugbench.api.model.DifferentiableModel;
import dev.plugbench.toolkit.linalg.MatMul;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
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
        INDArray k = Nd4j.zeros(DataType.DOUBLE, r.left().rows(), r.right().rows());
        INDArray dl = Nd4j.zeros(DataType.DOUBLE, r.left().rows(), 1);
        INDArray dr = Nd4j.zeros(DataType.DOUBLE, r.right().rows(), 1);
        FeatureCache.Key rightRows = FeatureCache.Key.of(net, r.right(), params.integer("k"), seed, "");
        for (int c = 0; c < net.outputWidth(); c++) {
            int cls = c;
            INDArray fr = training.get(rightRows.with("class " + c), () -> p.project(net, r.right(), GradientProjection.unit(cls)));
            INDArray fl = r.left() == r.right() ? fr : p.project(net, r.left(), GradientProjection.unit(c));
            k.addi(MatMul.of(fl, false, fr, true, 1));
            dl.addi(KernelSupport.rowSquares(fl));
            dr.addi(KernelSupport.rowSquares(fr));
        }
        return KernelSupport.cosine(k, dl, dr, INFO.id());
    }
}
