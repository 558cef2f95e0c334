package dev.plugbench.plugins.latent;

import dev.plugbench.api.MethodInfo;
import dev.plugbench.api.ParamSpec;
import dev.plugbench.api.Params;
import dev.plugbench.api.latent.LatentQuantizer;
import dev.plugbench.api.latent.Quantizer;
import dev.plugbench.api.latent.QuantizerShape;
import java.util.List;
import org.pf4j.Extension;

/** {@code vq}: VQ-VAE's nearest-codeword quantizer with codebook and commitment losses (baseline). */
@Extension
public final class VqMethod implements LatentQuantizer {
    static final MethodInfo INFO = new MethodInfo("vq", FAMILY, "VQ (codebook loss)", MethodInfo.BASELINE, List.of(
            ParamSpec.real("beta", 0.25, 0, 10, "commitment weight"),
            ParamSpec.real("codebook_lr", 1e-3, 1e-7, 1, "Adam learning rate of the codebook")));

    @Override
    public MethodInfo info() {
        return INFO;
    }

    @Override
    public Quantizer create(QuantizerShape shape, Params params, long seed) {
        return new VqQuantizer(shape, params.real("beta"), params.real("codebook_lr"), seed);
    }
}
