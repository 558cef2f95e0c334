package dev.plugbench.plugins.latent;

import dev.plugbench.api.latent.Quantization;
import dev.plugbench.api.latent.Quantizer;
import dev.plugbench.api.latent.QuantizerShape;
import org.nd4j.linalg.api.ndarray.INDArray;

/** VQ with an {@link EmaCodebook}: nearest codeword, commitment beta, straight-through; no codebook gradient. */
final class VqEmaQuantizer implements Quantizer {
    private final QuantizerShape shape;
    private final double beta;
    private final EmaCodebook ema;
    private final long[] usage;

    VqEmaQuantizer(QuantizerShape shape, double beta, double decay, double restartThreshold, int kMeansIterations, long seed) {
        this.shape = shape;
        this.beta = beta;
        this.ema = new EmaCodebook(shape.codebookSize(), shape.latentDim(), decay, restartThreshold, kMeansIterations, seed);
        this.usage = new long[shape.codebookSize()];
    }

    @Override
    public QuantizerShape shape() {
        return shape;
    }

    @Override
    public Quantization quantize(INDArray latents) {
        Latents.check(latents, shape, "vq-ema");
        int[] codes = ema.codebook.assign(latents);
        INDArray reconstruction = ema.codebook.gather(codes, latents.dataType());
        return VqCodes.quantization(latents, reconstruction, codes, beta * Latents.meanSquaredResidual(latents, reconstruction));
    }

    @Override
    public INDArray encoderGradient(Quantization quantization, INDArray reconstructionGradient) {
        return Latents.straightThrough(quantization, reconstructionGradient, beta, "vq-ema");
    }

    @Override
    public void update(Quantization q) {
        int n = (int) q.latents().rows();
        int[] codes = new int[n];
        for (int i = 0; i < n; i++) {
            codes[i] = q.codes()[i][0];
            usage[codes[i]]++;
        }
        ema.learn(Codebook.rows(q.latents()), n, codes);
    }

    @Override
    public long[] usageCounts() {
        return usage.clone();
    }

    long restarts() {
        return ema.restarts();
    }
}
