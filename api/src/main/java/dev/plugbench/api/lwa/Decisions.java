package dev.plugbench.api.lwa;

import dev.plugbench.api.ApiStatus;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Per-input decisions of a fitted rule.
 *
 * @param score        n scores r(x): positive keeps the input on the client, zero or negative offloads it
 * @param expertLabels the expert's predicted class for every input (used where it is offloaded)
 */
@ApiStatus(ApiStatus.Status.EXPERIMENTAL)
public record Decisions(INDArray score, int[] expertLabels) {
    public Decisions {
        Objects.requireNonNull(score, "score is null");
        Objects.requireNonNull(expertLabels, "expertLabels is null");
        if (score.length() != expertLabels.length) {
            throw new IllegalArgumentException("score has " + score.length() + " entries but expertLabels " + expertLabels.length);
        }
    }

    /** Number of inputs decided. */
    public int size() {
        return expertLabels.length;
    }

    /** Whether input {@code i} goes to the expert. */
    public boolean offloaded(int i) {
        return score.getDouble(i) <= 0;
    }
}
