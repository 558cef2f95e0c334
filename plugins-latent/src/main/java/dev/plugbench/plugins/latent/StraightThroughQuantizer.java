package dev.plugbench.plugins.latent;

import dev.plugbench.api.latent.Quantization;
import dev.plugbench.api.latent.Quantizer;
import dev.plugbench.api.latent.QuantizerShape;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What every quantizer of the plugin shares: its shape, the straight-through gradient with
 * commitment weight beta, the input checks, and the usage counts of the codes it learned from.
 */
abstract class StraightThroughQuantizer implements Quantizer {
    final QuantizerShape shape;
    final double beta;
    private final String methodId;
    private final long[] usage;

    StraightThroughQuantizer(String methodId, QuantizerShape shape, double beta) {
        this.methodId = methodId;
        this.shape = shape;
        this.beta = beta;
        this.usage = new long[shape.codebookSize()];
    }

    @Override
    public final QuantizerShape shape() {
        return shape;
    }

    @Override
    public final INDArray encoderGradient(Quantization quantization, INDArray reconstructionGradient) {
        return Latents.straightThrough(quantization, reconstructionGradient, beta, methodId);
    }

    @Override
    public final long[] usageCounts() {
        return usage.clone();
    }

    /** Refuses latents that are not finite n x C rows. */
    final void check(INDArray latents) {
        Latents.check(latents, shape, methodId);
    }

    /** Counts every code of a batch (slots marked -1 are skipped). */
    final void count(int[][] codes) {
        for (int[] row : codes) {
            for (int c : row) {
                if (c >= 0) {
                    usage[c]++;
                }
            }
        }
    }
}
