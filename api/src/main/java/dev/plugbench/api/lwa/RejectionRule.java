package dev.plugbench.api.lwa;

import dev.plugbench.api.ApiStatus;
import dev.plugbench.api.Method;
import dev.plugbench.api.Params;
import org.pf4j.ExtensionPoint;

/**
 * A rejection rule for a fixed (legacy) client: given the client, labelled training data and the
 * costs of offloading, fit a rule that decides per input whether the client answers or the input
 * is offloaded to an expert. Methods that train the expert (L2H) do so here; others train a plain
 * expert. The client is never modified.
 */
@ApiStatus(ApiStatus.Status.EXPERIMENTAL)
public interface RejectionRule extends Method, ExtensionPoint {
    /** The family of this extension point. */
    String FAMILY = "lwa";

    /**
     * Fits the rule (and expert) on the problem's training data.
     *
     * @param problem the fixed client, training data and costs (already validated)
     * @param params  validated parameters of this method
     * @param seed    the seed of every random choice; the same seed gives the same rule
     */
    FittedRule fit(RejectionProblem problem, Params params, long seed);

    /**
     * Whether this method handles problems with {@code numClasses} classes. Binary-only methods
     * answer false above 2 and refuse such problems in {@link #fit} with a clear error.
     */
    default boolean handles(int numClasses) {
        return numClasses >= 2;
    }
}
