package dev.plugbench.plugins.lwa;

import org.pf4j.Extension;

/**
 * The paper's ablation: the expert trained first by binary cross-entropy, then the rejector with
 * L_S while the expert is fixed. Binary problems only.
 */
@Extension
public final class L2hSeparateRule extends BinaryL2hRule {
    public L2hSeparateRule() {
        super("l2h-separate", "L2H (separate)", false);
    }
}
