package dev.plugbench.api.lwa;

import dev.plugbench.api.ApiStatus;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A fitted rejection rule with its expert. Immutable and thread-safe; decisions are deterministic. */
@ApiStatus(ApiStatus.Status.EXPERIMENTAL)
public interface FittedRule {
    /** Decides, for each row of {@code x} (n x d), local or offload, and gives the expert's answer. */
    Decisions decide(INDArray x);
}
