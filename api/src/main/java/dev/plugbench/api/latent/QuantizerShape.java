package dev.plugbench.api.latent;

import dev.plugbench.api.ApiStatus;

/**
 * The sizes every quantizer of a task shares.
 *
 * @param latentDim    C, the width of each latent vector
 * @param codebookSize K, the number of codewords or dictionary atoms
 */
@ApiStatus(ApiStatus.Status.EXPERIMENTAL)
public record QuantizerShape(int latentDim, int codebookSize) {
    public QuantizerShape {
        if (latentDim < 1) {
            throw new IllegalArgumentException("latentDim = " + latentDim + ": it must be at least 1");
        }
        if (codebookSize < 1) {
            throw new IllegalArgumentException("codebookSize K = " + codebookSize + ": it must be at least 1");
        }
    }
}
