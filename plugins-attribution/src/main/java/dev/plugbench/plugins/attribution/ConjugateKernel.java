package dev.plugbench.plugins.attribution;

import dev.plugbench.api.MethodInfo;
import dev.plugbench.api.Params;
import dev.plugbench.api.attribution.KernelRequest;
import dev.plugbench.api.attribution.SurrogateFeatureSpace;
import dev.plugbench.api.model.DifferentiableModel;
import dev.plugbench.toolkit.linalg.MatMul;
import dev.plugbench.toolkit.nn.TangentKernels;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pf4j.Extension;

/** CK: the inner product of the last hidden layer's activations, cosine-normalised (baseline). */
@Extension
public final class ConjugateKernel implements SurrogateFeatureSpace {
    static final MethodInfo INFO = MethodInfo.of("ck", FAMILY, "Conjugate kernel", MethodInfo.BASELINE);

    @Override
    public MethodInfo info() {
        return INFO;
    }

    @Override
    public INDArray kernel(KernelRequest r, Params params, long seed) {
        DifferentiableModel net = r.model();
        INDArray fl = TangentKernels.lastHiddenFeatures(net, r.left()).castTo(DataType.DOUBLE);
        INDArray fr = TangentKernels.lastHiddenFeatures(net, r.right()).castTo(DataType.DOUBLE);
        return KernelSupport.cosine(MatMul.of(fl, false, fr, true, 1), KernelSupport.rowSquares(fl), KernelSupport.rowSquares(fr), INFO.id());
    }
}
