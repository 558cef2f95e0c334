package dev.plugbench.api.latent;

import dev.plugbench.api.ApiStatus;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One quantizer being trained. Not thread-safe: a training run owns it.
 * A training step calls {@link #quantize}, lets the decoder see the reconstruction, then calls
 * {@link #encoderGradient} with the decoder's gradient and {@link #update} to learn the codebook.
 */
@ApiStatus(ApiStatus.Status.EXPERIMENTAL)
public interface Quantizer {
    /** The sizes this quantizer was created with. */
    QuantizerShape shape();

    /**
     * Quantizes a batch: {@code latents} is n x C; the result holds the n x C reconstruction and
     * the codes used per row. Does not change the codebook.
     */
    Quantization quantize(INDArray latents);

    /**
     * The gradient for the encoder's output: the decoder's gradient with respect to the
     * reconstruction passed straight through, plus the gradient of the method's commitment term.
     * Same shape as the latents (n x C).
     */
    INDArray encoderGradient(Quantization quantization, INDArray reconstructionGradient);

    /** One learning step of the codebook or dictionary on this batch. */
    void update(Quantization quantization);

    /** How often each code or atom was used since creation (length K). */
    long[] usageCounts();
}
