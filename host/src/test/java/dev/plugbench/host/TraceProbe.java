package dev.plugbench.host;

import dev.plugbench.api.MethodInfo;
import dev.plugbench.api.Params;
import dev.plugbench.api.spectral.Measurement;
import dev.plugbench.api.spectral.ProbeInput;
import dev.plugbench.api.spectral.SpectralProbe;
import java.util.LinkedHashMap;
import java.util.Map;

/** A classpath extension (registered in META-INF/services of the test classpath): the squared norm of each parameter. */
public final class TraceProbe implements SpectralProbe {
    @Override
    public MethodInfo info() {
        return MethodInfo.of("gram-trace", FAMILY, "trace of W^T W", MethodInfo.BASELINE);
    }

    @Override
    public Measurement measure(ProbeInput input, Params params) {
        Map<String, Double> values = new LinkedHashMap<>();
        input.current().parameters().forEach((name, w) -> values.put("trace:" + name, w.mul(w).sumNumber().doubleValue()));
        return new Measurement(values, Map.of());
    }
}
