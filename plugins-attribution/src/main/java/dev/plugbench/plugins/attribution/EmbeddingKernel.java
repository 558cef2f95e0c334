package dev.plugbench.plugins.attribution;

import dev.plugbench.api.MethodInfo;
import dev.plugbench.api.Params;
import dev.plugbench.api.attribution.KernelRequest;
import dev.plugbench.api.attribution.SurrogateFeatureSpace;
import dev.plugbench.api.model.DifferentiableModel;
import dev.plugbench.api.model.LayerInfo;
import dev.plugbench.toolkit.linalg.MatMul;
import java.util.List;
import java.util.function.Predicate;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pf4j.Extension;

/**
 * Em, as the authors compute it: the sum over the network's modules of the inner products of their
 * outputs, then cosine-normalised. Their forward hooks sit on modules, which in an MLP with a
 * functional ReLU are the linear layers: so the sum runs over every parameterised layer's output (the
 * pre-activations, logits included; a dense layer applies its 1/sqrt(fan_in) scaling inside the
 * layer, so its output includes it). Post-activation outputs are the {@code embedding-hidden} variant.
 */
@Extension
public final class EmbeddingKernel implements SurrogateFeatureSpace {
    static final MethodInfo INFO = MethodInfo.of("embedding", FAMILY, "Embedding kernel (module outputs)", MethodInfo.BASELINE);

    @Override
    public MethodInfo info() {
        return INFO;
    }

    @Override
    public INDArray kernel(KernelRequest r, Params params, long seed) {
        return sumOverLayerOutputs(r, LayerInfo::hasParameters, INFO.id());
    }

    /**
     * Sum over the layers {@code selected} picks of &lt;output(x), output(x')&gt;, cosine-normalised.
     *
     * @throws IllegalArgumentException if no layer is selected
     */
    static INDArray sumOverLayerOutputs(KernelRequest r, Predicate<LayerInfo> selected, String method) {
        DifferentiableModel net = r.model();
        List<INDArray> tl = net.activations(r.left());
        List<INDArray> tr = r.left() == r.right() ? tl : net.activations(r.right());
        INDArray k = Nd4j.zeros(DataType.DOUBLE, r.left().rows(), r.right().rows());
        INDArray dl = Nd4j.zeros(DataType.DOUBLE, r.left().rows(), 1);
        INDArray dr = Nd4j.zeros(DataType.DOUBLE, r.right().rows(), 1);
        int used = 0;
        List<LayerInfo> layers = net.layerInfo();
        for (int l = 0; l < layers.size(); l++) {
            if (!selected.test(layers.get(l))) {
                continue;
            }
            INDArray a = tl.get(l + 1).castTo(DataType.DOUBLE);
            INDArray b = tr.get(l + 1).castTo(DataType.DOUBLE);
            k.addi(MatMul.of(a, false, b, true, 1));
            dl.addi(KernelSupport.rowSquares(a));
            dr.addi(KernelSupport.rowSquares(b));
            used++;
        }
        if (used == 0) {
            throw new IllegalArgumentException("kernel '" + method + "': the network has no layer of the kind this kernel sums over ("
                    + layers + ")");
        }
        return KernelSupport.cosine(k, dl, dr, method);
    }
}
