package dev.plugbench.host.tasks.attribution;

import dev.plugbench.toolkit.linalg.MatMul;
import dev.plugbench.toolkit.nn.Losses;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The kGLM: multinomial logistic regression on kernel rows against the training set,
 * logits(x) = sum_i W_ic (K(x, x_i) - m_i) / s + b_c, where m_i is the mean of training column i and
 * s the standard deviation of the training block: the features are standardised (as a scaler in
 * front of sklearn's SGDClassifier would), which keeps the same model family, linear in the kernel
 * row plus a bias, but makes it well conditioned (normalised NTK rows share a large constant part).
 * L2 penalty, full-batch Adam, deterministic. The attribution of training point i to class c at x
 * is a_ci(x) = W_ic (K(x, x_i) - m_i) / s: the logit is their sum plus b_c.
 */
final class KernelLogisticRegression {
    private final INDArray weights;
    private final INDArray bias;
    private final INDArray columnMeans;
    private final double scale;

    private KernelLogisticRegression(INDArray weights, INDArray bias, INDArray columnMeans, double scale) {
        this.weights = weights;
        this.bias = bias;
        this.columnMeans = columnMeans;
        this.scale = scale;
    }

    /**
     * Fits on the n x n training block.
     *
     * @param lambda L2 penalty (the paper's sklearn alpha)
     */
    static KernelLogisticRegression fit(INDArray kTrain, int[] labels, int classes, double lambda, int steps, double lr) {
        int n = labels.length;
        if (kTrain.rows() != n || kTrain.columns() != n) {
            throw new IllegalArgumentException("the training block must be " + n + " x " + n + "; got " + kTrain.rows() + " x " + kTrain.columns());
        }
        double scale = kTrain.stdNumber().doubleValue();
        if (!(scale > 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("the training block of the kernel is constant or not finite; a kernel machine cannot use it");
        }
        INDArray means = kTrain.castTo(DataType.DOUBLE).mean(true, 0);
        INDArray k = kTrain.castTo(DataType.DOUBLE).subRowVector(means).divi(scale);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, n, classes);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, labels[i], 1);
        }
        INDArray w = Nd4j.zeros(DataType.DOUBLE, n, classes);
        INDArray b = Nd4j.zeros(DataType.DOUBLE, 1, classes);
        INDArray mw = w.like().assign(0);
        INDArray vw = w.like().assign(0);
        INDArray mb = b.like().assign(0);
        INDArray vb = b.like().assign(0);
        for (int t = 1; t <= steps; t++) {
            INDArray logits = MatMul.of(k, w).addiRowVector(b);
            INDArray g = Losses.softmax(logits).subi(y).divi(n);
            INDArray gw = MatMul.of(k, true, g, false, 1).addi(w.mul(lambda));
            INDArray gb = g.sum(true, 0);
            adam(w, gw, mw, vw, t, lr);
            adam(b, gb, mb, vb, t, lr);
        }
        return new KernelLogisticRegression(w, b, means, scale);
    }

    private static void adam(INDArray p, INDArray g, INDArray m, INDArray v, int t, double lr) {
        m.muli(0.9).addi(g.mul(0.1));
        v.muli(0.999).addi(g.mul(g).muli(0.001));
        INDArray mHat = m.div(1 - Math.pow(0.9, t));
        INDArray vHat = v.div(1 - Math.pow(0.999, t));
        p.subi(mHat.divi(Transforms.sqrt(vHat, false).addi(1e-8)).muli(lr));
    }

    /** Logits for kernel rows against the training set (m x n): m x C. */
    INDArray logits(INDArray kRows) {
        return MatMul.of(kRows.castTo(DataType.DOUBLE).subRowVector(columnMeans), false, weights, false, 1 / scale).addiRowVector(bias);
    }

    /** Attributions a_ci(x) of every training point i to class c, for one row of kernel values (1 x n). */
    double[] attributions(INDArray kRow, int c) {
        INDArray row = kRow.castTo(DataType.DOUBLE).reshape(1, kRow.length()).sub(columnMeans);
        return row.mul(weights.getColumn(c).reshape(1, weights.rows())).divi(scale).data().asDouble();
    }

    double bias(int c) {
        return bias.getDouble(0, c);
    }
}
