package dev.plugbench.plugins.spectral;

import dev.plugbench.api.MethodInfo;
import dev.plugbench.api.ParamSpec;
import dev.plugbench.api.Params;
import dev.plugbench.api.spectral.Measurement;
import dev.plugbench.api.spectral.ProbeInput;
import dev.plugbench.api.spectral.SpectralProbe;
import dev.plugbench.toolkit.metrics.TailExponent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * The power-law exponent of the weight ESD's upper tail: the Hill estimator with x_min at the
 * median eigenvalue (as the single-index-ht code), and the Clauset-style MLE with the
 * KS-minimising x_min. A smaller exponent is a heavier tail.
 */
@Extension
public final class HeavyTailProbe implements SpectralProbe {
    static final MethodInfo INFO = new MethodInfo("heavy-tail", FAMILY, "Heavy-tail exponent (Hill, MLE)", "arXiv 2211.06506",
            List.of(ParamSpec.integer("layer", 0, 0, 64, "which weight matrix (0 = the first)")));

    @Override
    public MethodInfo info() {
        return INFO;
    }

    @Override
    public Measurement measure(ProbeInput input, Params params) {
        double[] esd = WeightMatrices.esd(WeightMatrices.weight(input.current(), params.integer("layer"), INFO.id()));
        TailExponent hill = TailExponent.hill(esd);
        TailExponent mle = TailExponent.mle(esd);
        Map<String, Double> v = new LinkedHashMap<>();
        v.put("hill_alpha", hill.alpha());
        v.put("mle_alpha", mle.alpha());
        v.put("mle_xmin", mle.xMin());
        v.put("mle_tail_size", (double) mle.tailSize());
        v.put("mle_ks", mle.ksDistance());
        return new Measurement(v, Map.of());
    }
}
