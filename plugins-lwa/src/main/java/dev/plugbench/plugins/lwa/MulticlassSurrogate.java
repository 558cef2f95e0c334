package dev.plugbench.plugins.lwa;

import dev.plugbench.api.lwa.Costs;

/**
 * The rejector's loss of the multi-class follow-up (notes, section 1.6), with the remote weight
 * w = 1 - c_e - c_1 1[expert wrong] (the corrected sign; the authors' training script has + c_1).
 * The rejector has two logits (local, remote); the loss is
 * <pre>
 *   - (1[client right] + max(-w, 0)) log p_local  -  max(w, 0) log p_remote
 * </pre>
 * The notes' form is -1[client right] log p_local - w log p_remote, which for w < 0 is unbounded
 * below in the logits. Moving the negative part of w to the local term keeps the loss bounded and
 * leaves the population minimiser where it was: in both, p_remote / p_local > 1 exactly when
 * E[w | x] > 1 - q(x), i.e. when q(x) > c_e + c_1 P(expert wrong | x), the Bayes rule.
 *
 * @param costs the costs c_e and c_1
 */
record MulticlassSurrogate(Costs costs) {
    /** w for one point. */
    double remoteWeight(boolean expertWrong) {
        return 1 - costs.offload() - (expertWrong ? costs.expertError() : 0);
    }

    /** The weight of -log p_local for one point. */
    double localTermWeight(boolean clientRight, boolean expertWrong) {
        return (clientRight ? 1 : 0) + Math.max(-remoteWeight(expertWrong), 0);
    }

    /** The weight of -log p_remote for one point. */
    double remoteTermWeight(boolean expertWrong) {
        return Math.max(remoteWeight(expertWrong), 0);
    }

    /**
     * The loss and its gradient in the two logits (local, remote) of one point, written into
     * {@code gradient}; returns the loss.
     */
    double lossAndGradient(double zLocal, double zRemote, boolean clientRight, boolean expertWrong, double[] gradient) {
        double max = Math.max(zLocal, zRemote);
        double logSum = max + Math.log(Math.exp(zLocal - max) + Math.exp(zRemote - max));
        double pLocal = Math.exp(zLocal - logSum);
        double pRemote = Math.exp(zRemote - logSum);
        double a = localTermWeight(clientRight, expertWrong);
        double b = remoteTermWeight(expertWrong);
        gradient[0] = (a + b) * pLocal - a;
        gradient[1] = (a + b) * pRemote - b;
        return -a * (zLocal - logSum) - b * (zRemote - logSum);
    }
}
