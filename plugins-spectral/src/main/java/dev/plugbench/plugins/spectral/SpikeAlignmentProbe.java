package dev.plugbench.plugins.spectral;

import dev.plugbench.api.MethodInfo;
import dev.plugbench.api.ParamSpec;
import dev.plugbench.api.Params;
import dev.plugbench.api.spectral.Measurement;
import dev.plugbench.api.spectral.ProbeInput;
import dev.plugbench.api.spectral.SpectralProbe;
import dev.plugbench.toolkit.linalg.MatMul;
import dev.plugbench.toolkit.linalg.SymmetricEigen;
import dev.plugbench.toolkit.nn.TangentKernels;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.pf4j.Extension;

/**
 * Whether the top spectral direction carries the data's structure: |<v1(W), beta>| for the top
 * input-side singular vector of the weight matrix and the teacher direction (about 1/sqrt(d) at
 * random), and |<u1(K_CK), y>| / |y| for the conjugate kernel's top eigenvector and the centred
 * targets. Reports whichever the input allows (a direction, a model, or both).
 */
@Extension
public final class SpikeAlignmentProbe implements SpectralProbe {
    static final MethodInfo INFO = new MethodInfo("spike-alignment", FAMILY, "Spike alignment", "arXiv 2211.06506",
            List.of(ParamSpec.integer("layer", 0, 0, 64, "which weight matrix (0 = the first)")));

    @Override
    public MethodInfo info() {
        return INFO;
    }

    @Override
    public Measurement measure(ProbeInput input, Params params) {
        if (input.direction() == null && input.model() == null) {
            throw new IllegalArgumentException("probe 'spike-alignment' needs a known direction (the teacher's beta) or the model "
                    + "(for the conjugate kernel); the input has neither");
        }
        Map<String, Double> v = new LinkedHashMap<>();
        if (input.direction() != null) {
            INDArray w = WeightMatrices.weight(input.current(), params.integer("layer"), INFO.id());
            if (w.rows() != input.direction().length()) {
                throw new IllegalArgumentException("probe 'spike-alignment': weight matrix " + params.integer("layer") + " takes "
                        + w.rows() + " inputs but the direction has " + input.direction().length() + " entries; use layer 0");
            }
            SymmetricEigen e = SymmetricEigen.of(WeightMatrices.symmetrize(MatMul.of(w, false, w, true, 1.0)));
            INDArray top = e.vectors().get(NDArrayIndex.all(), NDArrayIndex.point(w.rows() - 1));
            v.put("spike_alignment", WeightMatrices.alignment(top, input.direction(), false));
        }
        if (input.model() != null) {
            INDArray f = TangentKernels.lastHiddenFeatures(input.model(), input.inputs());
            SymmetricEigen e = SymmetricEigen.of(WeightMatrices.symmetrize(MatMul.of(f, false, f, true, 1.0 / f.columns())));
            INDArray top = e.vectors().get(NDArrayIndex.all(), NDArrayIndex.point(f.rows() - 1));
            v.put("ck_label_alignment", WeightMatrices.alignment(top, input.targets().get(NDArrayIndex.all(), NDArrayIndex.point(0)), true));
        }
        return new Measurement(v, Map.of());
    }
}
