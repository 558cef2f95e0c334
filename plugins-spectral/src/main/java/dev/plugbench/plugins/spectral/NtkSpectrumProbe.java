package dev.plugbench.plugins.spectral;

import dev.plugbench.api.MethodInfo;
import dev.plugbench.api.ParamSpec;
import dev.plugbench.api.Params;
import dev.plugbench.api.spectral.Measurement;
import dev.plugbench.api.spectral.ProbeInput;
import dev.plugbench.api.spectral.SpectralProbe;
import dev.plugbench.toolkit.linalg.SymmetricEigen;
import dev.plugbench.toolkit.nn.TangentKernels;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/** The spectrum of the (trace) NTK Gram on the training inputs, computed layer by layer from backpropagated signals. */
@Extension
public final class NtkSpectrumProbe implements SpectralProbe {
    static final MethodInfo INFO = new MethodInfo("ntk-spectrum", FAMILY, "NTK spectrum", "arXiv 2211.06506",
            List.of(ParamSpec.bool("biases", true, "include the biases' share of the kernel (the paper's two-layer model has none)")));

    @Override
    public MethodInfo info() {
        return INFO;
    }

    @Override
    public Measurement measure(ProbeInput input, Params params) {
        var net = input.requireModel(INFO.id());
        double[] eig = SymmetricEigen.valuesOf(WeightMatrices.symmetrize(
                TangentKernels.trace(net, input.inputs(), input.inputs(), params.bool("biases"))));
        double trace = 0;
        for (double e : eig) {
            trace += e;
        }
        Map<String, Double> v = new LinkedHashMap<>();
        v.put("ntk_eig_max", eig[eig.length - 1]);
        v.put("ntk_trace", trace);
        v.put("ntk_eig_max_share", eig[eig.length - 1] / trace);
        return new Measurement(v, Map.of("ntk", eig));
    }
}
