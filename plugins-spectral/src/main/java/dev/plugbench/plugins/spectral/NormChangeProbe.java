package dev.plugbench.plugins.spectral;

import dev.plugbench.api.MethodInfo;
import dev.plugbench.api.ParamSpec;
import dev.plugbench.api.Params;
import dev.plugbench.api.spectral.Measurement;
import dev.plugbench.api.spectral.ProbeInput;
import dev.plugbench.api.spectral.SpectralProbe;
import dev.plugbench.toolkit.linalg.Svd;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pf4j.Extension;

/** ||W_t - W_0|| in Frobenius and operator norm, absolute and relative to ||W_0||. */
@Extension
public final class NormChangeProbe implements SpectralProbe {
    static final MethodInfo INFO = new MethodInfo("norm-change", FAMILY, "Weight change norms", "arXiv 2211.06506",
            List.of(ParamSpec.integer("layer", 0, 0, 64, "which weight matrix (0 = the first)")));

    @Override
    public MethodInfo info() {
        return INFO;
    }

    @Override
    public Measurement measure(ProbeInput input, Params params) {
        int layer = params.integer("layer");
        INDArray w = WeightMatrices.weight(input.current(), layer, INFO.id());
        INDArray w0 = WeightMatrices.weight(input.initial(), layer, INFO.id());
        INDArray delta = w.sub(w0);
        double fro = delta.norm2Number().doubleValue();
        double op = Svd.valuesOf(delta)[0];
        double fro0 = w0.norm2Number().doubleValue();
        double op0 = Svd.valuesOf(w0)[0];
        Map<String, Double> v = new LinkedHashMap<>();
        v.put("delta_w_fro", fro);
        v.put("delta_w_op", op);
        v.put("delta_w_fro_rel", fro / fro0);
        v.put("delta_w_op_rel", op / op0);
        v.put("w0_fro", fro0);
        v.put("w0_op", op0);
        return new Measurement(v, Map.of());
    }
}
