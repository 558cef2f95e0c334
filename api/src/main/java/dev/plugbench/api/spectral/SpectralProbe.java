package dev.plugbench.api.spectral;

import dev.plugbench.api.ApiStatus;
import dev.plugbench.api.Method;
import dev.plugbench.api.Params;
import org.pf4j.ExtensionPoint;

/** A spectral probe: named measurements and spectra of a model snapshot. Pure: it changes nothing. */
@ApiStatus(ApiStatus.Status.EXPERIMENTAL)
public interface SpectralProbe extends Method, ExtensionPoint {
    /** The family of this extension point. */
    String FAMILY = "spectral";

    /** Measures {@code input.current()} (against {@code input.initial()} where the probe compares). */
    Measurement measure(ProbeInput input, Params params);
}
