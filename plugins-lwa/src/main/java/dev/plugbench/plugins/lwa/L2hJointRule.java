package dev.plugbench.plugins.lwa;

import dev.plugbench.api.MethodInfo;
import dev.plugbench.api.Params;
import dev.plugbench.api.lwa.FittedRule;
import dev.plugbench.api.lwa.RejectionProblem;
import dev.plugbench.api.lwa.RejectionRule;
import org.pf4j.Extension;

/** The paper's method: rejector and expert trained jointly with the exponential surrogate L_S (notes, section 1.4). Binary problems only. */
@Extension
public final class L2hJointRule implements RejectionRule {
    static final MethodInfo INFO = new MethodInfo("l2h-joint", FAMILY, "L2H (joint)", "arXiv 2409.16253", BinaryL2h.params());

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
        return BinaryL2h.fit(INFO.id(), problem, params, seed, true);
    }
}
