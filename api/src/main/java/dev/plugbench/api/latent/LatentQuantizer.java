package dev.plugbench.api.latent;

import dev.plugbench.api.ApiStatus;
import dev.plugbench.api.Method;
import dev.plugbench.api.Params;
import org.pf4j.ExtensionPoint;

/**
 * A latent quantizer method: creates fresh, stateful {@link Quantizer}s, one per training run.
 */
@ApiStatus(ApiStatus.Status.EXPERIMENTAL)
public interface LatentQuantizer extends Method, ExtensionPoint {
    /** The family of this extension point. */
    String FAMILY = "latent";

    /**
     * A new quantizer for latent vectors of width {@code shape.latentDim()} with
     * {@code shape.codebookSize()} codes or atoms, initialised from {@code seed}.
     */
    Quantizer create(QuantizerShape shape, Params params, long seed);
}
