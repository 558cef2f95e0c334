package dev.plugbench.toolkit.data;

import dev.plugbench.toolkit.linalg.Broadcasts;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Per-feature standardisation fitted on one dataset (the training part) and applied to others:
 * x' = (x - mean) / std, where constant features (std below 1e-12) are only centred.
 */
public final class Standardizer {
    private final INDArray mean;
    private final INDArray std;

    private Standardizer(INDArray mean, INDArray std) {
        this.mean = mean;
        this.std = std;
    }

    /** Fits means and standard deviations (population) on {@code train}. */
    public static Standardizer fit(Dataset train) {
        if (train.size() == 0) {
            throw new IllegalArgumentException("cannot fit a standardizer on an empty dataset");
        }
        INDArray x = train.features();
        INDArray mean = x.mean(0).reshape(1, x.columns());
        INDArray std = x.std(false, 0).reshape(1, x.columns());
        for (int j = 0; j < std.columns(); j++) {
            if (std.getDouble(0, j) < 1e-12) {
                std.putScalar(0, j, 1.0);
            }
        }
        return new Standardizer(mean, std);
    }

    /** The dataset with standardised features. */
    public Dataset apply(Dataset data) {
        if (data.width() != mean.columns()) {
            throw new IllegalArgumentException("the standardizer was fitted on " + mean.columns() + " features; dataset '"
                    + data.name() + "' has " + data.width());
        }
        return data.withFeatures(Broadcasts.divi(Broadcasts.subi(data.features().dup(), mean), std));
    }
}
