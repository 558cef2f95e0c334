package dev.plugbench.fifth;

import dev.plugbench.api.MethodInfo;
import dev.plugbench.api.ParamSpec;
import dev.plugbench.api.Params;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pf4j.Extension;

/** The fifth family's method, shipped as a PF4J plugin that the test builds: (sum_j |x_j|^p)^(1/p). */
@Extension
public final class PNorm implements VectorNorm {
    static final MethodInfo INFO = new MethodInfo("p-norm", FAMILY, "p-norm", "closed form",
            List.of(ParamSpec.real("p", 2, 1, 100, "the exponent p >= 1")));

    @Override
    public MethodInfo info() {
        return INFO;
    }

    @Override
    public double[] norms(INDArray x, Params params) {
        double p = params.real("p");
        double[][] rows = x.castTo(DataType.DOUBLE).toDoubleMatrix();
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            double sum = 0;
            for (double v : rows[i]) {
                sum += Math.pow(Math.abs(v), p);
            }
            out[i] = Math.pow(sum, 1 / p);
        }
        return out;
    }
}
