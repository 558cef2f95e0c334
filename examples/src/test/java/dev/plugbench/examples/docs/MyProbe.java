package dev.plugbench.examples.docs;

import dev.plugbench.api.MethodInfo;
import dev.plugbench.api.MetricSpec;
import dev.plugbench.api.ParamSpec;
import dev.plugbench.api.Params;
import dev.plugbench.api.spectral.Measurement;
import dev.plugbench.api.spectral.ProbeInput;
import dev.plugbench.api.spectral.SpectralProbe;
import dev.plugbench.toolkit.linalg.GramSpectrum;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

// sdk-docs/packaging.md's extension, compiled and run through the conformance kit (MyProbeTest)
// tag::extension[]
@Extension
public final class MyProbe implements SpectralProbe {
    private static final MethodInfo INFO = new MethodInfo("my-probe", FAMILY, "My probe", "arXiv 0000.00000",
            List.of(ParamSpec.integer("k", 10, 1, 1000, "number of eigenvalues kept")))
            .withMetrics(MetricSpec.higher("top_k_mean", "mean of the k largest eigenvalues of W W^T, first layer"));

    @Override public MethodInfo info() { return INFO; }

    @Override public Measurement measure(ProbeInput input, Params params) {
        double[] esd = GramSpectrum.of(input.current().parameter("0.W"));      // ascending
        double[] top = Arrays.copyOfRange(esd, Math.max(0, esd.length - params.integer("k")), esd.length);
        return new Measurement(Map.of("top_k_mean", Arrays.stream(top).average().orElseThrow()), Map.of());
    }
}
// end::extension[]
