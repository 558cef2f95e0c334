package dev.plugbench.api.latent;

import dev.plugbench.api.ApiStatus;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The result of quantizing a batch.
 *
 * @param latents        the n x C input
 * @param reconstruction the n x C quantized reconstruction the decoder sees
 * @param codes          n x S indices of the codes or atoms used per row (S = 1 for VQ, S0 for sparse
 *                       and residual codes); -1 marks a slot left unused (a sparse code that fitted
 *                       exactly with fewer atoms)
 * @param coefficients   n x S coefficients of those codes (all 1 for VQ; 0 in unused slots)
 * @param loss           the method's own auxiliary loss on this batch (codebook + commitment)
 */
@ApiStatus(ApiStatus.Status.EXPERIMENTAL)
public record Quantization(INDArray latents, INDArray reconstruction, int[][] codes, INDArray coefficients, double loss) {
    public Quantization {
        Objects.requireNonNull(latents, "latents is null");
        Objects.requireNonNull(reconstruction, "reconstruction is null");
        Objects.requireNonNull(codes, "codes is null");
        Objects.requireNonNull(coefficients, "coefficients is null");
        if (!java.util.Arrays.equals(latents.shape(), reconstruction.shape())) {
            throw new IllegalArgumentException("reconstruction shape " + java.util.Arrays.toString(reconstruction.shape())
                    + " differs from latents shape " + java.util.Arrays.toString(latents.shape()));
        }
        if (codes.length != latents.rows()) {
            throw new IllegalArgumentException("codes has " + codes.length + " rows for " + latents.rows() + " latents");
        }
    }
}
