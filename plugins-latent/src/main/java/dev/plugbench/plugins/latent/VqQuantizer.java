package dev.plugbench.plugins.latent;

import dev.plugbench.api.latent.Quantization;
import dev.plugbench.api.latent.QuantizerShape;
import dev.plugbench.toolkit.linalg.Buffers;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * VQ-VAE's quantizer (van den Oord et al., 2017): nearest codeword; codebook loss
 * mean((sg(z) - e)^2) learned by Adam, commitment beta mean((z - sg(e))^2), straight-through.
 * The codebook starts uniform in [-1/K, 1/K], as in the original.
 */
final class VqQuantizer extends StraightThroughQuantizer {
    private final Codebook codebook;
    private final AdamState adam;

    VqQuantizer(QuantizerShape shape, double beta, double learningRate, long seed) {
        super("vq", shape, beta);
        this.codebook = Codebook.uniform(shape.codebookSize(), shape.latentDim(), seed);
        this.adam = new AdamState(codebook.words.length, learningRate);
    }

    @Override
    public Quantization quantize(INDArray latents) {
        check(latents);
        int[] codes = codebook.assign(latents);
        INDArray reconstruction = codebook.gather(codes, latents.dataType());
        return VqCodes.quantization(latents, reconstruction, codes, (1 + beta) * Latents.meanSquaredResidual(latents, reconstruction));
    }

    @Override
    public void update(Quantization q) {
        int n = (int) q.latents().rows();
        int c = shape.latentDim();
        double[] z = Buffers.rowMajor(q.latents());
        double[] g = new double[codebook.words.length];
        double scale = -2.0 / ((double) n * c);
        count(q.codes());
        for (int i = 0; i < n; i++) {
            int k = q.codes()[i][0];
            for (int m = 0; m < c; m++) {
                g[k * c + m] += scale * (z[i * c + m] - codebook.words[k * c + m]);
            }
        }
        adam.step(codebook.words, g);
    }
}
