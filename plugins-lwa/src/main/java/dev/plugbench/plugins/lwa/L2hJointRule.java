package dev.plugbench.plugins.lwa;

import org.pf4j.Extension;

/**
 * The paper's method: rejector and expert trained jointly with the exponential surrogate L_S
 * (notes, section 1.4). Binary problems only.
 */
@Extension
public final class L2hJointRule extends BinaryL2hRule {
    public L2hJointRule() {
        super("l2h-joint", "L2H (joint)", true);
    }
}
