package dev.plugbench.serving;

import java.util.Objects;

/**
 * The decisions of one served version for a batch of inputs, row by row.
 *
 * @param method  the lwa method id
 * @param plugin  the plugin id that gave the rule
 * @param version the plugin version that fitted the rule and decided every row of this batch
 * @param client  the client's class per input
 * @param offload whether the rule sends the input to the expert
 * @param expert  the expert's class per input (the system's answer where offloaded)
 * @param cost    the offload cost c_e where offloaded, 0 where kept local
 */
public record DecisionBatch(String method, String plugin, String version, int[] client, boolean[] offload, int[] expert, double[] cost) {
    public DecisionBatch {
        Objects.requireNonNull(method, "method is null");
        int n = client.length;
        if (offload.length != n || expert.length != n || cost.length != n) {
            throw new IllegalArgumentException("the columns of a batch differ in length");
        }
    }

    /** Number of inputs decided. */
    public int size() {
        return client.length;
    }

    /** The system's answer for input {@code i}: the expert's where offloaded, else the client's. */
    public int answer(int i) {
        return offload[i] ? expert[i] : client[i];
    }

    /** Inputs offloaded. */
    public int offloaded() {
        int k = 0;
        for (boolean b : offload) {
            k += b ? 1 : 0;
        }
        return k;
    }

    /** Rows [from, from + n) of this batch, decided by the same version. */
    DecisionBatch slice(int from, int n) {
        if (from == 0 && n == size()) {
            return this;
        }
        return new DecisionBatch(method, plugin, version, java.util.Arrays.copyOfRange(client, from, from + n),
                java.util.Arrays.copyOfRange(offload, from, from + n), java.util.Arrays.copyOfRange(expert, from, from + n),
                java.util.Arrays.copyOfRange(cost, from, from + n));
    }
}
