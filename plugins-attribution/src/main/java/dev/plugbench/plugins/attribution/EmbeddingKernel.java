package dev.plugbench.plugins.attribution;

import dev.plugbench.api.MethodInfo;
import dev.plugbench.api.Params;
import dev.plugbench.api.attribution.KernelRequest;
import dev.plugbench.api.attribution.SurrogateFeatureSpace;
import dev.plugbench.toolkit.linalg.MatMul;
import dev.plugbench.toolkit.nn.Network;
import dev.plugbench.toolkit.nn.Trace;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pf4j.Extension;

/** Em: the sum over every layer's output of activation inner products, cosine-normalised (baseline). */
@Extension
public final class EmbeddingKernel implements SurrogateFeatureSpace {
    static final MethodInfo INFO = MethodInfo.of("embedding", FAMILY, "Embedding kernel", MethodInfo.BASELINE);

    @Override
    public MethodInfo info() {
        return INFO;
    }

    @Override
    public INDArray kernel(KernelRequest r, Params params, long seed) {
        Network net = KernelSupport.network(r, INFO.id());
        Trace tl = net.trace(r.left());
        Trace tr = net.trace(r.right());
        INDArray k = Nd4j.zeros(DataType.DOUBLE, r.left().rows(), r.right().rows());
        INDArray dl = Nd4j.zeros(DataType.DOUBLE, r.left().rows(), 1);
        INDArray dr = Nd4j.zeros(DataType.DOUBLE, r.right().rows(), 1);
        for (int l = 1; l < tl.activations().size(); l++) {
            INDArray a = tl.input(l).castTo(DataType.DOUBLE);
            INDArray b = tr.input(l).castTo(DataType.DOUBLE);
            k.addi(MatMul.of(a, false, b, true, 1));
            dl.addi(KernelSupport.rowSquares(a));
            dr.addi(KernelSupport.rowSquares(b));
        }
        return KernelSupport.cosine(k, dl, dr, INFO.id());
    }
}
