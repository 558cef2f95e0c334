package dev.plugbench.plugins.spectral;

import dev.plugbench.api.model.ModelSnapshot;
import dev.plugbench.toolkit.linalg.GramSpectrum;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Picking a weight matrix out of a snapshot, and its empirical spectral distribution. */
final class WeightMatrices {
    private WeightMatrices() {
    }

    /**
     * The {@code index}-th weight matrix (parameters named "*.W", in order) of a snapshot, as float64.
     *
     * @throws IllegalArgumentException when there is no such layer or it holds non-finite values
     */
    static INDArray weight(ModelSnapshot snapshot, int index, String probe) {
        List<String> names = snapshot.parameters().keySet().stream().filter(n -> n.endsWith(".W")).toList();
        if (index < 0 || index >= names.size()) {
            throw new IllegalArgumentException("probe '" + probe + "': the snapshot has no weight matrix number " + index
                    + " (it has " + names.size() + ": " + names + "); set the parameter 'layer' to one of 0.." + (names.size() - 1));
        }
        INDArray w = snapshot.parameter(names.get(index)).castTo(DataType.DOUBLE);
        if (w.rank() != 2) {
            throw new IllegalArgumentException("probe '" + probe + "': parameter " + names.get(index) + " is not a matrix");
        }
        if (w.isNaN().any() || w.isInfinite().any()) {
            throw new IllegalArgumentException("probe '" + probe + "': weight matrix " + names.get(index)
                    + " holds NaN or infinite values (training diverged: lower the learning rate)");
        }
        return w;
    }

    /** The weight ESD (see {@link GramSpectrum}). */
    static double[] esd(INDArray w) {
        return GramSpectrum.of(w);
    }

    /** The Marchenko-Pastur ratio of {@link #esd}. */
    static double ratio(INDArray w) {
        return GramSpectrum.ratio(w);
    }

    /** Mean square of the entries (the variance of a centred initialisation). */
    static double meanSquare(INDArray w) {
        return w.mul(w).meanNumber().doubleValue();
    }

    static INDArray symmetrize(INDArray k) {
        return k.add(k.transpose()).muli(0.5);
    }

    /** |<v, t>| / (|v| |t|) with t centred when {@code centre}. */
    static double alignment(INDArray v, INDArray target, boolean centre) {
        INDArray t = target.castTo(DataType.DOUBLE).reshape(target.length(), 1);
        if (centre) {
            t = t.sub(t.meanNumber().doubleValue());
        }
        double tn = t.norm2Number().doubleValue();
        double vn = v.norm2Number().doubleValue();
        if (tn == 0 || vn == 0) {
            throw new IllegalArgumentException("alignment with a constant target or a zero vector is undefined");
        }
        return Math.abs(v.reshape(v.length(), 1).mul(t).sumNumber().doubleValue()) / (tn * vn);
    }
}
