package dev.plugbench.examples.docs;

import dev.plugbench.api.MethodInfo;
import dev.plugbench.api.ParamSpec;
import dev.plugbench.api.Params;
import dev.plugbench.api.spectral.Measurement;
import dev.plugbench.api.spectral.ProbeInput;
import dev.plugbench.api.spectral.SpectralProbe;
import dev.plugbench.toolkit.linalg.GramSpectrum;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pf4j.Extension;

// sdk-docs/spectral.md's probe, compiled and run through the conformance kit (DocExamplesTest)
// tag::probe[]
@Extension
public final class TopEigenvalue implements SpectralProbe {
    static final MethodInfo INFO = new MethodInfo("top-eigenvalue", FAMILY, "Top weight eigenvalue", MethodInfo.BASELINE,
            List.of(ParamSpec.integer("layer", 0, 0, 64, "which weight matrix")));
    public MethodInfo info() { return INFO; }
    public Measurement measure(ProbeInput in, Params p) {
        INDArray w = in.current().parameter(p.integer("layer") + ".W");
        double[] esd = GramSpectrum.of(w);
        return new Measurement(Map.of("eig_max", esd[esd.length - 1]), Map.of("esd", esd));
    }
}
// end::probe[]
