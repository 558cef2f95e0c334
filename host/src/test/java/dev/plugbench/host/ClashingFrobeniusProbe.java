package dev.plugbench.host;

import dev.plugbench.api.MethodInfo;
import dev.plugbench.api.Params;
import dev.plugbench.api.spectral.Measurement;
import dev.plugbench.api.spectral.ProbeInput;
import dev.plugbench.api.spectral.SpectralProbe;
import java.util.Map;

/** A classpath extension that claims the fixture plugin's method id, to test duplicate refusal. */
public final class ClashingFrobeniusProbe implements SpectralProbe {
    @Override
    public MethodInfo info() {
        return MethodInfo.of("frobenius", FAMILY, "clashing frobenius", MethodInfo.BASELINE);
    }

    @Override
    public Measurement measure(ProbeInput input, Params params) {
        return new Measurement(Map.of("clash", 1.0), Map.of());
    }
}
