package dev.plugbench.plugins.latent;

import dev.plugbench.api.MethodInfo;
import dev.plugbench.api.ParamSpec;
import dev.plugbench.api.Params;
import dev.plugbench.api.latent.LatentQuantizer;
import dev.plugbench.api.latent.Quantizer;
import dev.plugbench.api.latent.QuantizerShape;
import java.util.ArrayList;
import java.util.List;
import org.pf4j.Extension;

/** {@code rvq}: residual VQ with S0 EMA stages, the "same number of codes per vector" control for {@code dictionary}. */
@Extension
public final class RvqMethod implements LatentQuantizer {
    static final MethodInfo INFO = new MethodInfo("rvq", FAMILY, "Residual VQ", MethodInfo.BASELINE, params());

    private static List<ParamSpec> params() {
        List<ParamSpec> p = new ArrayList<>();
        p.add(ParamSpec.integer("sparsity", 3, 1, 8, "S0: stages, i.e. codes per latent vector"));
        p.addAll(VqEmaMethod.EMA_PARAMS);
        return List.copyOf(p);
    }

    @Override
    public MethodInfo info() {
        return INFO;
    }

    @Override
    public Quantizer create(QuantizerShape shape, Params params, long seed) {
        return new RvqQuantizer(shape, params.integer("sparsity"), params.real("beta"), params.real("decay"),
                params.real("restart_threshold"), params.integer("kmeans_iterations"), seed);
    }
}
