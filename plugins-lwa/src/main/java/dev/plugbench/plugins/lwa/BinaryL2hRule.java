package dev.plugbench.plugins.lwa;

import dev.plugbench.api.MethodInfo;
import dev.plugbench.api.Params;
import dev.plugbench.api.lwa.FittedRule;
import dev.plugbench.api.lwa.RejectionProblem;
import dev.plugbench.api.lwa.RejectionRule;

/** What {@code l2h-joint} and {@code l2h-separate} share: binary problems only, fitted by {@link BinaryL2h}. */
abstract class BinaryL2hRule implements RejectionRule {
    private final MethodInfo info;
    private final boolean joint;

    BinaryL2hRule(String id, String displayName, boolean joint) {
        this.info = new MethodInfo(id, FAMILY, displayName, "arXiv 2409.16253", BinaryL2h.params());
        this.joint = joint;
    }

    @Override
    public final MethodInfo info() {
        return info;
    }

    @Override
    public final boolean handles(int numClasses) {
        return numClasses == 2;
    }

    @Override
    public final FittedRule fit(RejectionProblem problem, Params params, long seed) {
        return BinaryL2h.fit(info.id(), problem, params, seed, joint);
    }
}
