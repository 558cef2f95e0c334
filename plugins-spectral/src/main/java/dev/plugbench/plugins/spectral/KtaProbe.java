package dev.plugbench.plugins.spectral;

import dev.plugbench.api.MethodInfo;
import dev.plugbench.api.ParamSpec;
import dev.plugbench.api.Params;
import dev.plugbench.api.model.DifferentiableModel;
import dev.plugbench.api.spectral.Measurement;
import dev.plugbench.api.spectral.ProbeInput;
import dev.plugbench.api.spectral.SpectralProbe;
import dev.plugbench.toolkit.linalg.MatMul;
import dev.plugbench.toolkit.nn.TangentKernels;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pf4j.Extension;

/** Kernel-target alignment KTA = <K, Y Y^T>_F / (|K|_F |Y Y^T|_F) of the NTK or the conjugate kernel. */
@Extension
public final class KtaProbe implements SpectralProbe {
    static final MethodInfo INFO = new MethodInfo("kta", FAMILY, "Kernel-target alignment", "arXiv 2211.06506",
            List.of(ParamSpec.choice("kernel", "ntk", List.of("ntk", "ck"), "which kernel"),
                    ParamSpec.bool("biases", true, "include the biases' share of the NTK")));

    @Override
    public MethodInfo info() {
        return INFO;
    }

    @Override
    public Measurement measure(ProbeInput input, Params params) {
        DifferentiableModel net = input.requireModel(INFO.id());
        INDArray k;
        if (params.choice("kernel").equals("ck")) {
            INDArray f = TangentKernels.lastHiddenFeatures(net, input.inputs());
            k = MatMul.of(f.castTo(DataType.DOUBLE), false, f.castTo(DataType.DOUBLE), true, 1.0 / f.columns());
        } else {
            k = TangentKernels.trace(net, input.inputs(), input.inputs(), params.bool("biases"));
        }
        return new Measurement(Map.of("kta", alignment(k, input.targets().castTo(DataType.DOUBLE))), Map.of());
    }

    /** <K, Y Y^T>_F / (|K|_F |Y Y^T|_F). */
    static double alignment(INDArray k, INDArray y) {
        INDArray target = MatMul.of(y, false, y, true, 1.0);
        double num = k.mul(target).sumNumber().doubleValue();
        double yy = target.norm2Number().doubleValue();
        double kk = k.norm2Number().doubleValue();
        if (kk == 0 || yy == 0) {
            throw new IllegalArgumentException("kernel-target alignment is undefined for a zero kernel or zero targets");
        }
        return num / (kk * yy);
    }
}
