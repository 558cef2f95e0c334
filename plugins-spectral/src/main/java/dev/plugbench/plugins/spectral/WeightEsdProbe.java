package dev.plugbench.plugins.spectral;

import dev.plugbench.api.MethodInfo;
import dev.plugbench.api.ParamSpec;
import dev.plugbench.api.Params;
import dev.plugbench.api.spectral.Measurement;
import dev.plugbench.api.spectral.ProbeInput;
import dev.plugbench.api.spectral.SpectralProbe;
import dev.plugbench.toolkit.metrics.KolmogorovSmirnov;
import dev.plugbench.toolkit.metrics.MarchenkoPastur;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pf4j.Extension;

/**
 * The empirical spectral distribution of a weight matrix against the Marchenko-Pastur law of its
 * initialisation: bulk edges for its aspect ratio (variance from the initial weights), the number
 * of eigenvalues beyond the upper edge, the largest over the edge, and the KS distances to the
 * initial ESD and to the law.
 */
@Extension
public final class WeightEsdProbe implements SpectralProbe {
    static final MethodInfo INFO = new MethodInfo("weight-esd", FAMILY, "Weight ESD vs Marchenko-Pastur", "arXiv 2211.06506",
            List.of(ParamSpec.integer("layer", 0, 0, 64, "which weight matrix (0 = the first)"),
                    ParamSpec.real("outlier_tolerance", 0.05, 0, 1, "relative margin above the MP edge that counts as an outlier")));

    @Override
    public MethodInfo info() {
        return INFO;
    }

    @Override
    public Measurement measure(ProbeInput input, Params params) {
        int layer = params.integer("layer");
        INDArray w = WeightMatrices.weight(input.current(), layer, INFO.id());
        INDArray w0 = WeightMatrices.weight(input.initial(), layer, INFO.id());
        double[] esd = WeightMatrices.esd(w);
        double[] esd0 = WeightMatrices.esd(w0);
        MarchenkoPastur mp = new MarchenkoPastur(WeightMatrices.ratio(w), WeightMatrices.meanSquare(w0));
        Map<String, Double> v = new LinkedHashMap<>();
        double max = esd[esd.length - 1];
        v.put("eig_max", max);
        v.put("mp_lower_edge", mp.lowerEdge());
        v.put("mp_upper_edge", mp.upperEdge());
        v.put("outliers", (double) mp.outliersAbove(esd, params.real("outlier_tolerance")));
        v.put("outlier_ratio", max / mp.upperEdge());
        v.put("ks_to_init", KolmogorovSmirnov.distance(esd, esd0));
        v.put("ks_to_mp", mp.ksDistance(esd));
        return new Measurement(v, Map.of("esd", esd, "esd_init", esd0));
    }
}
