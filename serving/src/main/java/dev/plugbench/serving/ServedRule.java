package dev.plugbench.serving;

import dev.plugbench.api.lwa.Costs;
import dev.plugbench.api.lwa.Decisions;
import dev.plugbench.api.lwa.FittedRule;
import dev.plugbench.api.model.Model;
import java.time.Instant;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One fitted version of a method, immutable: what a request reads once and decides its whole batch
 * with. The rule's objects come from the version's class loader, which the host keeps usable after a
 * swap for as long as this object is reachable.
 */
record ServedRule(String method, String plugin, String version, FittedRule rule, Model client, int classes, int features, Costs costs,
                  java.util.Map<String, Object> params, Instant fittedAt) {

    DecisionBatch decide(INDArray x) {
        int n = (int) x.rows();
        Decisions d = rule.decide(x);
        if (d.size() != n) {
            throw new IllegalStateException(method + " " + version + " decided " + d.size() + " of " + n + " inputs");
        }
        int[] clientSays = argmax(client.forward(x), n);
        boolean[] offload = new boolean[n];
        int[] expert = d.expertLabels();
        double[] cost = new double[n];
        double[] score = d.score().castTo(DataType.DOUBLE).toDoubleVector(); // one copy out, not an ND4J call a row
        for (int i = 0; i < n; i++) {
            double s = score[i];
            if (Double.isNaN(s)) {
                throw new IllegalStateException(method + " " + version + " gave a NaN keep-score for input " + i);
            }
            if (expert[i] < 0 || expert[i] >= classes) {
                throw new IllegalStateException(method + " " + version + "'s expert answered class " + expert[i] + " for input " + i
                        + "; the task has " + classes + " classes");
            }
            offload[i] = s <= 0; // Decisions.offloaded(i): zero or negative offloads
            cost[i] = offload[i] ? costs.offload() : 0;
        }
        return new DecisionBatch(method, plugin, version, clientSays, offload, expert.clone(), cost);
    }

    /** The class of each row's largest logit, as the lwa tasks read the client. */
    private static int[] argmax(INDArray logits, int n) {
        return Nd4j.argMax(logits, 1).castTo(DataType.INT).reshape(n).toIntVector();
    }
}
