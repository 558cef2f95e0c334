package dev.plugbench.plugins.attribution;

import dev.plugbench.api.MethodInfo;
import dev.plugbench.api.ParamSpec;
import dev.plugbench.api.Params;
import dev.plugbench.api.attribution.KernelRequest;
import dev.plugbench.api.attribution.SurrogateFeatureSpace;
import dev.plugbench.toolkit.linalg.MatMul;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.pf4j.Extension;

/**
 * An input-space RBF kernel exp(-|x - x'|^2 / (2 s^2)), ignoring the network: the baseline that
 * shows what the network adds. Unless {@code bandwidth} gives s, the median heuristic sets 2 s^2 to
 * the median squared distance h between right-hand points (of the first 300), so K = exp(-|x - x'|^2 / h).
 */
@Extension
public final class InputRbf implements SurrogateFeatureSpace {
    static final MethodInfo INFO = new MethodInfo("rbf-input", FAMILY, "Input-space RBF", MethodInfo.BASELINE,
            List.of(ParamSpec.real("bandwidth", 0, 0, 1e6, "s; 0 = the median heuristic, 2 s^2 = median squared distance")));

    @Override
    public MethodInfo info() {
        return INFO;
    }

    @Override
    public INDArray kernel(KernelRequest r, Params params, long seed) {
        INDArray a = r.left().castTo(DataType.DOUBLE);
        INDArray b = r.right().castTo(DataType.DOUBLE);
        INDArray d2 = squaredDistances(a, b);
        double twoS2 = params.real("bandwidth") > 0 ? 2 * Math.pow(params.real("bandwidth"), 2) : medianSquaredDistance(b);
        return Transforms.exp(d2.divi(-twoS2), false);
    }

    static INDArray squaredDistances(INDArray a, INDArray b) {
        INDArray na = a.mul(a).sum(true, 1);
        INDArray nb = a == b ? na : b.mul(b).sum(true, 1);
        INDArray d2 = MatMul.of(a, false, b, true, -2).addiColumnVector(na).addiRowVector(nb.reshape(1, nb.length()));
        return Transforms.max(d2, 0.0, false);
    }

    static double medianSquaredDistance(INDArray b) {
        int m = (int) Math.min(b.rows(), 300);
        INDArray sample = b.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, m), org.nd4j.linalg.indexing.NDArrayIndex.all());
        double[] d = squaredDistances(sample, sample).data().asDouble();
        double[] offDiagonal = new double[m * (m - 1)];
        int k = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                if (i != j) {
                    offDiagonal[k++] = d[i * m + j];
                }
            }
        }
        if (offDiagonal.length == 0) {
            throw new IllegalArgumentException("kernel 'rbf-input' needs at least 2 right-hand points for its bandwidth, or a bandwidth");
        }
        Arrays.sort(offDiagonal);
        double median = offDiagonal[offDiagonal.length / 2];
        if (!(median > 0)) {
            throw new IllegalArgumentException("kernel 'rbf-input': the right-hand points coincide; give a bandwidth");
        }
        return median;
    }
}
