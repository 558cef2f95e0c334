package dev.plugbench.plugins.latent;

import dev.plugbench.api.MethodInfo;
import dev.plugbench.api.ParamSpec;
import dev.plugbench.api.Params;
import dev.plugbench.api.latent.LatentQuantizer;
import dev.plugbench.api.latent.Quantizer;
import dev.plugbench.api.latent.QuantizerShape;
import java.util.List;
import org.pf4j.Extension;

/** {@code vq-ema}: VQ with an EMA codebook, k-means start and dead-code restarts (the strong baseline). */
@Extension
public final class VqEmaMethod implements LatentQuantizer {
    static final List<ParamSpec> EMA_PARAMS = List.of(
            ParamSpec.real("beta", 0.25, 0, 10, "commitment weight"),
            ParamSpec.real("decay", 0.99, 0, 0.99999, "EMA decay of the codebook statistics"),
            ParamSpec.real("restart_threshold", 1.0, 0, 1e9, "restart a code whose EMA count (uses per batch) falls below this"),
            ParamSpec.integer("kmeans_iterations", 10, 0, 1000, "Lloyd iterations of the k-means start on the first batch"));
    static final MethodInfo INFO = new MethodInfo("vq-ema", FAMILY, "VQ (EMA, k-means, restarts)", MethodInfo.BASELINE, EMA_PARAMS);

    @Override
    public MethodInfo info() {
        return INFO;
    }

    @Override
    public Quantizer create(QuantizerShape shape, Params params, long seed) {
        return new VqEmaQuantizer(shape, params.real("beta"), params.real("decay"), params.real("restart_threshold"),
                params.integer("kmeans_iterations"), seed);
    }
}
