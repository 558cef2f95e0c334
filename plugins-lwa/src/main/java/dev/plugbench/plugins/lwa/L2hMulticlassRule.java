package dev.plugbench.plugins.lwa;

import dev.plugbench.api.MethodInfo;
import dev.plugbench.api.ParamSpec;
import dev.plugbench.api.Params;
import dev.plugbench.api.lwa.FittedRule;
import dev.plugbench.api.lwa.RejectionProblem;
import dev.plugbench.api.lwa.RejectionRule;
import dev.plugbench.toolkit.nn.Adam;
import dev.plugbench.toolkit.nn.Losses;
import dev.plugbench.toolkit.nn.Network;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pf4j.Extension;

/**
 * The multi-class follow-up (arXiv 2501.13810, notes 1.6): an expert with K logits trained by
 * cross-entropy, and a rejector with two logits (local, remote) trained by the consistent
 * two-term surrogate of {@link MulticlassSurrogate}. Schedules: {@code two-stage} trains the expert
 * first and then the rejector against its predictions; {@code joint} updates both on every batch,
 * the rejector against the expert's current predictions. Any number of classes, 2 included.
 */
@Extension
public final class L2hMulticlassRule implements RejectionRule {
    static final MethodInfo INFO = new MethodInfo("l2h-multiclass", FAMILY, "L2H (multi-class)", "arXiv 2501.13810", params());

    private static List<ParamSpec> params() {
        List<ParamSpec> p = new ArrayList<>(Training.PARAMS);
        p.add(ParamSpec.choice("schedule", "two-stage", List.of("two-stage", "joint"),
                "two-stage: expert first, then the rejector; joint: both on every batch"));
        return List.copyOf(p);
    }

    @Override
    public MethodInfo info() {
        return INFO;
    }

    @Override
    public FittedRule fit(RejectionProblem problem, Params params, long seed) {
        Training training = Training.of(params);
        boolean twoStage = params.choice("schedule").equals("two-stage");
        MulticlassSurrogate loss = new MulticlassSurrogate(problem.costs());
        INDArray x = problem.features().castTo(DataType.FLOAT);
        int n = (int) x.rows();
        int d = (int) x.columns();
        int k = problem.numClasses();
        int[] labels = problem.labels();
        boolean[] clientRight = ClientOutputs.of(problem.client(), x).correct(labels);
        Rows rows = new Rows(x);
        Rows oneHot = new Rows(oneHot(labels, k));
        Network e = training.mlp(d, k, 2 * seed + 2);
        Network r = training.mlp(d, 2, 2 * seed + 1);
        var eOptimizer = training.optimizer();
        var rOptimizer = training.optimizer();
        if (twoStage) {
            training.forEachBatch(n, seed, batch -> e.trainStep(rows.gather(batch), oneHot.gather(batch),
                    Losses.SOFTMAX_CROSS_ENTROPY, eOptimizer), eOptimizer);
        }
        boolean[] expertWrongAll = twoStage ? wrong(NetworkRule.expertLabels(e.forward(x)), labels, null) : null;
        training.forEachBatch(n, seed + 7919, batch -> {
            INDArray xb = rows.gather(batch);
            boolean[] expertWrong;
            if (twoStage) {
                expertWrong = new boolean[batch.length];
                for (int i = 0; i < batch.length; i++) {
                    expertWrong[i] = expertWrongAll[batch[i]];
                }
            } else {
                expertWrong = wrong(NetworkRule.expertLabels(e.forward(xb)), labels, batch);
                e.trainStep(xb, oneHot.gather(batch), Losses.SOFTMAX_CROSS_ENTROPY, eOptimizer);
            }
            r.trainStep(xb, out -> {
                int b = batch.length;
                double[] z = out.castTo(DataType.DOUBLE).reshape(2L * b).toDoubleVector();
                float[] g = new float[2 * b];
                double[] gi = new double[2];
                for (int i = 0; i < b; i++) {
                    loss.lossAndGradient(z[2 * i], z[2 * i + 1], clientRight[batch[i]], expertWrong[i], gi);
                    g[2 * i] = (float) (gi[0] / b);
                    g[2 * i + 1] = (float) (gi[1] / b);
                }
                return Nd4j.createFromArray(g).reshape(b, 2);
            }, rOptimizer);
        }, twoStage ? new Adam[] {rOptimizer} : new Adam[] {rOptimizer, eOptimizer});
        return new NetworkRule(d, in -> {
            INDArray z = r.forward(in);
            return z.getColumn(0).sub(z.getColumn(1));
        }, e);
    }

    static INDArray oneHot(int[] labels, int k) {
        float[][] y = new float[labels.length][k];
        for (int i = 0; i < labels.length; i++) {
            y[i][labels[i]] = 1;
        }
        return Nd4j.createFromArray(y);
    }

    /** Whether predicted[i] differs from the label of row rows[i] (or row i when rows is null). */
    private static boolean[] wrong(int[] predicted, int[] labels, int[] rows) {
        boolean[] w = new boolean[predicted.length];
        for (int i = 0; i < predicted.length; i++) {
            w[i] = predicted[i] != labels[rows == null ? i : rows[i]];
        }
        return w;
    }
}
