package dev.plugbench.plugins.lwa;

import dev.plugbench.api.MethodInfo;
import dev.plugbench.api.ParamSpec;
import dev.plugbench.api.Params;
import dev.plugbench.api.lwa.FittedRule;
import dev.plugbench.api.lwa.RejectionProblem;
import dev.plugbench.api.lwa.RejectionRule;
import dev.plugbench.toolkit.nn.Network;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The baselines' common shape: an expert and a keep-signal in [0, 1] (an estimate of P(client
 * right | x)); offload iff signal <= threshold. With {@code tune} (the default) the threshold
 * minimises the risk at the problem's costs on a stratified 20% of the training data held out
 * from a first fit; the rule is then refitted on all the training data with that threshold, so
 * the baseline's networks see as much data as the L2H methods'.
 */
abstract class ThresholdBaseline implements RejectionRule {
    static final double HELD_OUT = 0.2;

    /**
     * A fitted expert with its keep-signal.
     *
     * @param expert     the expert network
     * @param keepSignal the keep-signal of a batch (float32 inputs), an n-vector in [0, 1]
     */
    record Fitted(Network expert, NetworkRule.KeepScore keepSignal) {
    }

    private final MethodInfo info;

    ThresholdBaseline(String id, String displayName) {
        this.info = new MethodInfo(id, FAMILY, displayName, MethodInfo.BASELINE, params());
    }

    @Override
    public final MethodInfo info() {
        return info;
    }

    static List<ParamSpec> params() {
        List<ParamSpec> p = new ArrayList<>(Training.PARAMS);
        p.add(ParamSpec.bool("tune", true, "choose the threshold that minimises the risk at the problem's costs on held-out"
                + " training data (then 'threshold' is ignored)"));
        p.add(ParamSpec.real("threshold", 0.5, 0, 1, "offload iff the keep-signal (estimated P(client right)) <= threshold;"
                + " used when tune is false"));
        return List.copyOf(p);
    }

    /** Fits the expert and whatever the signal needs on these rows. */
    abstract Fitted fitOn(RejectionProblem problem, INDArray x, int[] labels, Training training, long seed);

    @Override
    public final FittedRule fit(RejectionProblem problem, Params params, long seed) {
        Training training = Training.of(params);
        INDArray x = problem.features().castTo(DataType.FLOAT);
        int[] labels = problem.labels();
        double threshold = params.real("threshold");
        if (params.bool("tune")) {
            boolean[] heldOut = heldOut(labels, problem.numClasses(), seed);
            int[] fitRows = rows(heldOut, false);
            int[] tuneRows = rows(heldOut, true);
            Fitted first = fitOn(problem, x.getRows(fitRows), pick(labels, fitRows), training, seed);
            INDArray xt = x.getRows(tuneRows);
            int[] yt = pick(labels, tuneRows);
            double[] signal = first.keepSignal().of(xt).castTo(DataType.DOUBLE).reshape(tuneRows.length).toDoubleVector();
            boolean[] clientRight = ClientOutputs.of(problem.client(), xt).correct(yt);
            int[] expertSays = NetworkRule.expertLabels(first.expert().forward(xt));
            boolean[] expertRight = new boolean[yt.length];
            for (int i = 0; i < yt.length; i++) {
                expertRight[i] = expertSays[i] == yt[i];
            }
            threshold = TunedThreshold.minimisingRisk(signal, clientRight, expertRight, problem.costs());
        }
        Fitted all = fitOn(problem, x, labels, training, seed);
        double tau = threshold;
        return new NetworkRule((int) x.columns(), in -> all.keepSignal().of(in).castTo(DataType.DOUBLE).subi(tau), all.expert());
    }

    /** A stratified held-out mask: about 20% of each class, at least one row of each class on both sides when it has two. */
    static boolean[] heldOut(int[] labels, int classes, long seed) {
        SplittableRandom rng = new SplittableRandom(seed ^ 0x5DEECE66DL);
        boolean[] mask = new boolean[labels.length];
        for (int c = 0; c < classes; c++) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == c) {
                    members.add(i);
                }
            }
            for (int i = members.size() - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                Integer t = members.get(i);
                members.set(i, members.get(j));
                members.set(j, t);
            }
            int take = members.size() < 2 ? 0 : Math.max(1, (int) Math.round(HELD_OUT * members.size()));
            for (int i = 0; i < take; i++) {
                mask[members.get(i)] = true;
            }
        }
        return mask;
    }

    private static int[] rows(boolean[] mask, boolean value) {
        int count = 0;
        for (boolean b : mask) {
            count += b == value ? 1 : 0;
        }
        int[] rows = new int[count];
        for (int i = 0, k = 0; i < mask.length; i++) {
            if (mask[i] == value) {
                rows[k++] = i;
            }
        }
        return rows;
    }

    static int[] pick(int[] labels, int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = labels[rows[i]];
        }
        return out;
    }
}
