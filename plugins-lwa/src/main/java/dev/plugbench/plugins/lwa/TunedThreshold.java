package dev.plugbench.plugins.lwa;

import dev.plugbench.api.lwa.Costs;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * The threshold tau of a baseline rule "offload iff signal <= tau" that minimises the empirical
 * generalized 0-1 risk on held-out data. Every distinct cut of the sorted signals is tried; ties
 * in risk go to the cut that offloads less.
 */
final class TunedThreshold {
    private TunedThreshold() {
    }

    static double minimisingRisk(double[] keepSignal, boolean[] clientRight, boolean[] expertRight, Costs costs) {
        int n = keepSignal.length;
        if (n == 0 || clientRight.length != n || expertRight.length != n) {
            throw new IllegalArgumentException("tuning needs one signal, client outcome and expert outcome per held-out input");
        }
        Integer[] order = IntStream.range(0, n).boxed().sorted(Comparator.comparingDouble(i -> keepSignal[i])).toArray(Integer[]::new);
        double[] sorted = Arrays.stream(order).mapToDouble(i -> keepSignal[i]).toArray();
        double risk = 0;
        for (boolean right : clientRight) {
            risk += right ? 0 : 1;
        }
        double bestRisk = risk;
        int bestCut = 0;
        for (int k = 0; k < n; k++) {
            int i = order[k];
            risk += costs.offload() + (expertRight[i] ? 0 : costs.expertError()) - (clientRight[i] ? 0 : 1);
            boolean boundary = k == n - 1 || sorted[k + 1] > sorted[k];
            if (boundary && risk < bestRisk - 1e-12) {
                bestRisk = risk;
                bestCut = k + 1;
            }
        }
        if (bestCut == 0) {
            return sorted[0] - 1;
        }
        if (bestCut == n) {
            return Double.POSITIVE_INFINITY;
        }
        return 0.5 * (sorted[bestCut - 1] + sorted[bestCut]);
    }
}
