package dev.plugbench.tasks.lwa;

import dev.plugbench.api.lwa.Costs;

/**
 * Where the population minimiser of the exponential surrogate L_S (notes 1.4) offloads, with alpha
 * calibrated from the client's training error p as {@code l2h-joint} does, and r, e squashed into
 * (-1, 1) as its default does: for a fixed e the risk in r is q e^{alpha r} + B e^{-r} with
 * B = c_e + c_1 E[e^{-y e}], whose minimiser is positive iff alpha q < B (clipping keeps the sign);
 * e* = clip(ln(eta / (1 - eta)) / 2, -1, 1). So it offloads iff
 * alpha q > c_e + c_1 (eta e^{-e*} + (1 - eta) e^{e*}); unsquashed, the bracket is 2 sqrt(eta (1 - eta)).
 * A reference for the synthetic task, computed from the known posterior, not a method.
 */
final class ExponentialPopulationRule {
    private final Costs costs;
    private final double alpha;
    private final boolean squashed;

    private ExponentialPopulationRule(Costs costs, double alpha, boolean squashed) {
        this.costs = costs;
        this.alpha = alpha;
        this.squashed = squashed;
    }

    /** The rule for client training error {@code p}; empty when alpha has no value (p <= c_e or p > c_1 + c_e). */
    static java.util.Optional<ExponentialPopulationRule> calibrated(Costs costs, double p, boolean squashed) {
        double ce = costs.offload();
        double c1 = costs.expertError();
        if (!(p > ce) || p > c1 + ce) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new ExponentialPopulationRule(costs, (ce + 2 * Math.sqrt((p - ce) * (c1 - p + ce))) / p, squashed));
    }

    double alpha() {
        return alpha;
    }

    boolean offloads(double eta, int clientSays) {
        double q = BayesRule.clientError(eta, clientSays);
        double e = 0.5 * Math.log(eta / (1 - eta));
        if (squashed) {
            e = Math.max(-1, Math.min(1, e));
        }
        double expected = Double.isFinite(e) ? eta * Math.exp(-e) + (1 - eta) * Math.exp(e) : 0;
        return alpha * q > costs.offload() + costs.expertError() * expected;
    }
}
