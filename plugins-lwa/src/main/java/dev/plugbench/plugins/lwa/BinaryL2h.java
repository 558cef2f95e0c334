package dev.plugbench.plugins.lwa;

import dev.plugbench.api.ParamSpec;
import dev.plugbench.api.Params;
import dev.plugbench.api.lwa.FittedRule;
import dev.plugbench.api.lwa.RejectionProblem;
import dev.plugbench.toolkit.nn.Adam;
import dev.plugbench.toolkit.nn.Losses;
import dev.plugbench.toolkit.nn.Network;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Fitting of the binary L2H methods: a rejector r and an expert e (MLPs with one output, squashed
 * by 2 sigmoid - 1 as in the authors' code) trained with the exponential surrogate, either jointly
 * ({@code l2h-joint}) or e first by binary cross-entropy and then r with e fixed
 * ({@code l2h-separate}).
 */
final class BinaryL2h {
    private BinaryL2h() {
    }

    static List<ParamSpec> params() {
        List<ParamSpec> p = new ArrayList<>(Training.PARAMS);
        p.add(ParamSpec.real("alpha", 0, 0, 1000,
                "weight of the local-error term; 0 calibrates it from the costs and the client's training error p:"
                        + " alpha = (c_e + 2 sqrt((p - c_e)(c_1 - p + c_e))) / p"));
        p.add(ParamSpec.choice("uncalibratable", "refuse", List.of("refuse", "clip"),
                "with alpha = 0 and no calibrated alpha (client error p <= c_e, or p > c_1 + c_e): refuse with the reason,"
                        + " or clip the square root's argument at 0 as the authors' code does (alpha = c_e / p when p <= c_e)"));
        p.add(ParamSpec.bool("squash", true, "pass r and e through 2 sigmoid - 1, as the authors' code does"));
        return List.copyOf(p);
    }

    static FittedRule fit(String methodId, RejectionProblem problem, Params params, long seed, boolean joint) {
        if (problem.numClasses() != 2) {
            throw new IllegalArgumentException(methodId + " handles binary problems only; this one has " + problem.numClasses()
                    + " classes. Use l2h-multiclass.");
        }
        Training training = Training.of(params);
        Squash squash = Squash.of(params.bool("squash"));
        INDArray x = problem.features().castTo(DataType.FLOAT);
        int n = (int) x.rows();
        int d = (int) x.columns();
        int[] labels = problem.labels();
        ClientOutputs client = ClientOutputs.of(problem.client(), x);
        boolean[] clientWrong = new boolean[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = labels[i] == 1 ? 1 : -1;
            clientWrong[i] = y[i] * client.margin()[i] <= 0;
        }
        double p = client.errorRate(labels);
        double alpha = params.real("alpha") > 0 ? params.real("alpha")
                : params.choice("uncalibratable").equals("clip") ? ExponentialSurrogate.clippedAlpha(problem.costs(), p)
                : ExponentialSurrogate.calibratedAlpha(problem.costs(), p);
        ExponentialSurrogate loss = new ExponentialSurrogate(problem.costs(), alpha);

        Network r = training.mlp(d, 1, 2 * seed + 1);
        Network e = training.mlp(d, 1, 2 * seed + 2);
        var rOptimizer = training.optimizer();
        var eOptimizer = training.optimizer();
        Rows rows = new Rows(x);
        double[] eFixed = null;
        if (!joint) {
            Rows target = new Rows(Nd4j.createFromArray(toFloat(labels)).reshape(n, 1));
            training.forEachBatch(n, seed, batch -> e.trainStep(rows.gather(batch), target.gather(batch),
                    Losses.BINARY_CROSS_ENTROPY_WITH_LOGITS, eOptimizer), eOptimizer);
            eFixed = squash.apply(e.forward(x).reshape(n).toDoubleVector());
        }
        double[] eAll = eFixed;
        training.forEachBatch(n, seed + 7919, batch -> {
            INDArray xb = rows.gather(batch);
            int b = batch.length;
            double[] eb = new double[b];
            double[] rb = squash.apply(r.forward(xb).reshape(b).toDoubleVector());
            if (joint) {
                eb = squash.apply(e.forward(xb).reshape(b).toDoubleVector());
            } else {
                for (int i = 0; i < b; i++) {
                    eb[i] = eAll[batch[i]];
                }
            }
            double[] eBatch = eb;
            r.trainStep(xb, out -> {
                float[] g = new float[b];
                for (int i = 0; i < b; i++) {
                    int row = batch[i];
                    double s = rb[i];
                    g[i] = (float) (loss.gradientR(s, eBatch[i], y[row], clientWrong[row]) * squash.derivativeAt(s) / b);
                }
                return Nd4j.createFromArray(g).reshape(b, 1);
            }, rOptimizer);
            if (joint) {
                e.trainStep(xb, out -> {
                    float[] g = new float[b];
                    for (int i = 0; i < b; i++) {
                        double s = eBatch[i];
                        g[i] = (float) (loss.gradientE(rb[i], s, y[batch[i]]) * squash.derivativeAt(s) / b);
                    }
                    return Nd4j.createFromArray(g).reshape(b, 1);
                }, eOptimizer);
            }
        }, joint ? new Adam[] {rOptimizer, eOptimizer} : new Adam[] {rOptimizer});
        return new NetworkRule(d, in -> squash.apply(r.forward(in)), e);
    }

    static float[] toFloat(int[] labels) {
        float[] f = new float[labels.length];
        for (int i = 0; i < labels.length; i++) {
            f[i] = labels[i];
        }
        return f;
    }
}
