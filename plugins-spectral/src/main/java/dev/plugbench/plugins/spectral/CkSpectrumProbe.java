package dev.plugbench.plugins.spectral;

import dev.plugbench.api.MethodInfo;
import dev.plugbench.api.Params;
import dev.plugbench.api.spectral.Measurement;
import dev.plugbench.api.spectral.ProbeInput;
import dev.plugbench.api.spectral.SpectralProbe;
import dev.plugbench.toolkit.linalg.MatMul;
import dev.plugbench.toolkit.linalg.SymmetricEigen;
import dev.plugbench.toolkit.nn.TangentKernels;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pf4j.Extension;

/** The spectrum of the conjugate kernel K = F F^T / h on the training inputs (F: the last hidden layer). */
@Extension
public final class CkSpectrumProbe implements SpectralProbe {
    static final MethodInfo INFO = MethodInfo.of("ck-spectrum", FAMILY, "Conjugate kernel spectrum", "arXiv 2211.06506");

    @Override
    public MethodInfo info() {
        return INFO;
    }

    @Override
    public Measurement measure(ProbeInput input, Params params) {
        INDArray f = TangentKernels.lastHiddenFeatures(input.requireModel(INFO.id()), input.inputs());
        double[] eig = SymmetricEigen.valuesOf(WeightMatrices.symmetrize(MatMul.of(f, false, f, true, 1.0 / f.columns())));
        Map<String, Double> v = new LinkedHashMap<>();
        double trace = 0;
        for (double e : eig) {
            trace += e;
        }
        v.put("ck_eig_max", eig[eig.length - 1]);
        v.put("ck_trace", trace);
        v.put("ck_eig_max_share", eig[eig.length - 1] / trace);
        return new Measurement(v, Map.of("ck", withRoundingAsZero(eig)));
    }

    /**
     * The spectrum with eigenvalues at rounding level (|lambda| <= n eps max|lambda|, LAPACK's accuracy) set to exactly 0.
     * K has rank at most h: with more inputs than units, the rest of its eigenvalues are rounding noise around 0 whose
     * order against another spectrum's (the KS distance to the initial spectrum) changes with the BLAS kernel or thread
     * count. As exact zeros they tie instead.
     */
    static double[] withRoundingAsZero(double[] ascending) {
        double largest = Math.max(Math.abs(ascending[0]), Math.abs(ascending[ascending.length - 1]));
        double floor = ascending.length * Math.ulp(1.0) * largest;
        double[] out = ascending.clone();
        for (int i = 0; i < out.length; i++) {
            if (Math.abs(out[i]) <= floor) {
                out[i] = 0;
            }
        }
        return out;
    }
}
