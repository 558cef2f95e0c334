package dev.plugbench.plugins.lwa;

import dev.plugbench.api.MethodInfo;
import dev.plugbench.api.Params;
import dev.plugbench.api.lwa.FittedRule;
import dev.plugbench.api.lwa.RejectionProblem;
import dev.plugbench.api.lwa.RejectionRule;
import org.pf4j.Extension;

/** The paper's ablation: the expert trained first by binary cross-entropy, then the rejector with L_S while the expert is fixed. Binary problems only. */
@Extension
public final class L2hSeparateRule implements RejectionRule {
    static final MethodInfo INFO = new MethodInfo("l2h-separate", FAMILY, "L2H (separate)", "arXiv 2409.16253", BinaryL2h.params());

    @Override
    public MethodInfo info() {
        return INFO;
    }

    @Override
    public boolean handles(int numClasses) {
        return numClasses == 2;
    }

    @Override
    public FittedRule fit(RejectionProblem problem, Params params, long seed) {
        return BinaryL2h.fit(INFO.id(), problem, params, seed, false);
    }
}
