package dev.plugbench.plugins.attribution;

import dev.plugbench.api.MethodInfo;
import dev.plugbench.api.Params;
import dev.plugbench.api.attribution.KernelRequest;
import dev.plugbench.api.attribution.SurrogateFeatureSpace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pf4j.Extension;

/**
 * Em over the hidden representations, the common alternative to the authors' module-output sum:
 * the inner products of every activation layer's output (the post-activation hidden layers; no
 * logits), summed and cosine-normalised. Activations are the toolkit's parameter-free layers.
 */
@Extension
public final class HiddenEmbeddingKernel implements SurrogateFeatureSpace {
    static final MethodInfo INFO = MethodInfo.of("embedding-hidden", FAMILY, "Embedding kernel (hidden activations)", MethodInfo.BASELINE);

    @Override
    public MethodInfo info() {
        return INFO;
    }

    @Override
    public INDArray kernel(KernelRequest r, Params params, long seed) {
        return EmbeddingKernel.sumOverLayerOutputs(r, layer -> !layer.hasParameters(), INFO.id());
    }
}
