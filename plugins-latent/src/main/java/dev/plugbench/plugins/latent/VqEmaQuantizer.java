package dev.plugbench.plugins.latent;

import dev.plugbench.api.latent.Quantization;
import dev.plugbench.api.latent.QuantizerShape;
import dev.plugbench.toolkit.linalg.Buffers;
import org.nd4j.linalg.api.ndarray.INDArray;

/** VQ with an {@link EmaCodebook}: nearest codeword, commitment beta, straight-through; no codebook gradient. */
final class VqEmaQuantizer extends StraightThroughQuantizer {
    private final EmaCodebook ema;

    VqEmaQuantizer(QuantizerShape shape, double beta, double decay, double restartThreshold, int kMeansIterations, long seed) {
        super("vq-ema", shape, beta);
        this.ema = new EmaCodebook(shape.codebookSize(), shape.latentDim(), decay, restartThreshold, kMeansIterations, seed);
    }

    @Override
    public Quantization quantize(INDArray latents) {
        check(latents);
        int[] codes = ema.codebook.assign(latents);
        INDArray reconstruction = ema.codebook.gather(codes, latents.dataType());
        return VqCodes.quantization(latents, reconstruction, codes, beta * Latents.meanSquaredResidual(latents, reconstruction));
    }

    @Override
    public void update(Quantization q) {
        int n = (int) q.latents().rows();
        int[] codes = new int[n];
        for (int i = 0; i < n; i++) {
            codes[i] = q.codes()[i][0];
        }
        count(q.codes());
        ema.learn(Buffers.rowMajor(q.latents()), n, codes);
    }

    long restarts() {
        return ema.restarts();
    }
}
