package dev.plugbench.plugins.lwa;

import dev.plugbench.api.model.Model;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What the methods read from the fixed client on a batch: its predicted class, its confidence
 * (the largest softmax probability) and, for binary problems, its margin m(x) = logit_1 - logit_0.
 *
 * @param predicted  argmax of the client's logits, per input
 * @param confidence largest softmax probability, per input
 * @param margin     logit_1 - logit_0 per input (binary problems; NaN otherwise)
 */
record ClientOutputs(int[] predicted, double[] confidence, double[] margin) {
    static ClientOutputs of(Model client, INDArray x) {
        INDArray logits = client.forward(x);
        int n = (int) x.rows();
        int k = client.outputWidth();
        if (logits.rank() != 2 || logits.rows() != n || logits.columns() != k) {
            throw new IllegalStateException("the client returned shape " + java.util.Arrays.toString(logits.shape())
                    + " for " + n + " inputs; expected " + n + " x " + k);
        }
        double[] z = logits.castTo(DataType.DOUBLE).data().asDouble();
        int[] predicted = new int[n];
        double[] confidence = new double[n];
        double[] margin = new double[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                double v = z[i * k + c];
                if (Double.isNaN(v)) {
                    throw new IllegalStateException("the client returned NaN for input " + i + ": a fixed client must give finite logits");
                }
                if (v > max) {
                    max = v;
                    best = c;
                }
            }
            double sum = 0;
            for (int c = 0; c < k; c++) {
                sum += Math.exp(z[i * k + c] - max);
            }
            predicted[i] = best;
            confidence[i] = 1 / sum;
            margin[i] = k == 2 ? z[i * k + 1] - z[i * k] : Double.NaN;
        }
        return new ClientOutputs(predicted, confidence, margin);
    }

    /** Whether the client is right on each input. */
    boolean[] correct(int[] labels) {
        boolean[] right = new boolean[labels.length];
        for (int i = 0; i < labels.length; i++) {
            right[i] = predicted[i] == labels[i];
        }
        return right;
    }

    /** The client's error rate on these labels. */
    double errorRate(int[] labels) {
        int wrong = 0;
        for (int i = 0; i < labels.length; i++) {
            wrong += predicted[i] == labels[i] ? 0 : 1;
        }
        return (double) wrong / labels.length;
    }
}
