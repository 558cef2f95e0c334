package dev.plugbench.tasks.attribution;

import dev.plugbench.toolkit.metrics.Fit;
import dev.plugbench.toolkit.metrics.KendallTau;
import dev.plugbench.toolkit.nn.Losses;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How faithfully a kGLM tracks the network on test points, as the paper's code defines it:
 * Kendall tau between the network's and the kGLM's probability (binary: of class 1; multi-class:
 * of the true class), computed on the log-odds, a monotone transform that leaves tau unchanged but
 * keeps the order of probabilities that round to exactly 0 or 1 in float64 (the paper's code drops
 * those points instead; confident networks would leave none), the test-accuracy
 * differential acc(kGLM) - acc(NN), the R^2 of a linear fit between their logits (binary: the
 * class-1 logit; multi-class: the log-odds of the true class), and the misclassification overlap
 * |both wrong| / |either wrong|.
 */
final class Faithfulness {
    private Faithfulness() {
    }

    /** Per-point probabilities and log-odds of the network and the kGLM on the scored class. */
    record Scores(double[] networkProbability, double[] kglmProbability, double[] networkLogit, double[] kglmLogit,
                  boolean[] networkCorrect, boolean[] kglmCorrect) {
    }

    /**
     * @param networkOutputs n x 1 logits (binary) or n x C
     * @param kglmLogits     n x C (C = 2 for binary)
     */
    static Scores scores(INDArray networkOutputs, INDArray kglmLogits, int[] labels) {
        int n = labels.length;
        boolean binary = networkOutputs.columns() == 1;
        INDArray kp = Losses.softmax(kglmLogits);
        INDArray np = binary ? null : Losses.softmax(networkOutputs);
        double[] pn = new double[n];
        double[] pk = new double[n];
        double[] ln = new double[n];
        double[] lk = new double[n];
        boolean[] cn = new boolean[n];
        boolean[] ck = new boolean[n];
        INDArray kPred = kglmLogits.argMax(1);
        INDArray nPred = binary ? null : networkOutputs.argMax(1);
        for (int i = 0; i < n; i++) {
            if (binary) {
                double z = networkOutputs.getDouble(i, 0);
                pn[i] = 1 / (1 + Math.exp(-z));
                ln[i] = z;
                pk[i] = kp.getDouble(i, 1);
                lk[i] = kglmLogits.getDouble(i, 1) - kglmLogits.getDouble(i, 0);
                cn[i] = (z > 0 ? 1 : 0) == labels[i];
            } else {
                pn[i] = np.getDouble(i, labels[i]);
                pk[i] = kp.getDouble(i, labels[i]);
                ln[i] = logOdds(networkOutputs, i, labels[i]);
                lk[i] = logOdds(kglmLogits, i, labels[i]);
                cn[i] = nPred.getInt(i) == labels[i];
            }
            ck[i] = kPred.getInt(i) == labels[i];
        }
        return new Scores(pn, pk, ln, lk, cn, ck);
    }

    static Map<String, Double> metrics(Scores s) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("kendall_tau", KendallTau.tauB(s.networkLogit(), s.kglmLogit()));
        m.put("tad", accuracy(s.kglmCorrect()) - accuracy(s.networkCorrect()));
        m.put("r2", Fit.rSquaredOfLinearFit(clip(s.networkLogit()), clip(s.kglmLogit())));
        m.put("misclass_overlap", overlap(s.networkCorrect(), s.kglmCorrect()));
        m.put("network_accuracy", accuracy(s.networkCorrect()));
        m.put("kglm_accuracy", accuracy(s.kglmCorrect()));
        return m;
    }


    static double overlap(boolean[] networkCorrect, boolean[] kglmCorrect) {
        int both = 0;
        int either = 0;
        for (int i = 0; i < networkCorrect.length; i++) {
            boolean nw = !networkCorrect[i];
            boolean kw = !kglmCorrect[i];
            both += nw && kw ? 1 : 0;
            either += nw || kw ? 1 : 0;
        }
        return either == 0 ? 1.0 : both / (double) either;
    }

    static double accuracy(boolean[] correct) {
        int c = 0;
        for (boolean b : correct) {
            c += b ? 1 : 0;
        }
        return c / (double) correct.length;
    }

    /** log(p_y / (1 - p_y)) = z_y - logsumexp_{c != y} z_c, computed stably from the logits. */
    static double logOdds(INDArray logits, int row, int y) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < logits.columns(); c++) {
            if (c != y) {
                max = Math.max(max, logits.getDouble(row, c));
            }
        }
        double sum = 0;
        for (int c = 0; c < logits.columns(); c++) {
            if (c != y) {
                sum += Math.exp(logits.getDouble(row, c) - max);
            }
        }
        return logits.getDouble(row, y) - (max + Math.log(sum));
    }

    private static double[] clip(double[] v) {
        double[] out = v.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.max(-50, Math.min(50, out[i]));
        }
        return out;
    }
}
