package dev.plugbench.tasks.lwa;

import dev.plugbench.api.lwa.Costs;

/**
 * The Bayes-optimal rule of a binary problem with a known posterior (notes, section 1.3): with
 * eta = P(y = 1 | x) and q the fixed client's conditional error, the expert answers
 * 1[eta > 1/2], and the input is kept local iff q < c_e + c_1 min(eta, 1 - eta).
 */
final class BayesRule {
    private BayesRule() {
    }

    /** The client's conditional error at x: eta when it says 0, 1 - eta when it says 1. */
    static double clientError(double eta, int clientSays) {
        return clientSays == 1 ? 1 - eta : eta;
    }

    static boolean offloads(double eta, int clientSays, Costs costs) {
        return clientError(eta, clientSays) > costs.offload() + costs.expertError() * Math.min(eta, 1 - eta);
    }

    /** The conditional risk of the Bayes rule at x. */
    static double risk(double eta, int clientSays, Costs costs) {
        return Math.min(clientError(eta, clientSays), costs.offload() + costs.expertError() * Math.min(eta, 1 - eta));
    }

    /** The conditional risk at x of keeping it local or offloading it to an expert that says {@code expertSays}. */
    static double riskOf(boolean offloaded, double eta, int clientSays, int expertSays, Costs costs) {
        return offloaded ? costs.offload() + costs.expertError() * clientError(eta, expertSays) : clientError(eta, clientSays);
    }
}
