package dev.plugbench.tasks.latent;

import dev.plugbench.api.latent.Quantization;
import dev.plugbench.api.latent.Quantizer;
import dev.plugbench.toolkit.data.MiniBatches;
import dev.plugbench.toolkit.nn.Activation;
import dev.plugbench.toolkit.nn.Adam;
import dev.plugbench.toolkit.nn.Losses;
import dev.plugbench.toolkit.nn.Network;
import dev.plugbench.toolkit.nn.Parameterization;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An MLP autoencoder with a quantizer in the middle: encoder d -> hidden -> S*C (S latent vectors of
 * width C), decoder S*C -> hidden -> d with a sigmoid output (images in [0, 1]), float32. The
 * encoder's output row of an image is read as S rows of C (each latent vector its own row) for the
 * quantizer. One training step: quantize, decoder step on the mean squared error (which returns
 * the gradient at its input), the quantizer's straight-through gradient to the encoder, encoder
 * step, quantizer update. Both networks learn by Adam.
 *
 * @param encoder the encoder
 * @param decoder the decoder
 * @param sites   S, latent vectors per image
 * @param width   C, the width of each latent vector
 */
record Autoencoder(Network encoder, Network decoder, int sites, int width) {
    static Autoencoder mlp(int inputWidth, int hidden, int sites, int width, long seed) {
        Network enc = Network.builder(inputWidth, DataType.FLOAT, 17 * seed + 1).dense(hidden, Parameterization.STANDARD)
                .activation(Activation.RELU).dense(sites * width, Parameterization.STANDARD).build();
        Network dec = Network.builder(sites * width, DataType.FLOAT, 17 * seed + 2).dense(hidden, Parameterization.STANDARD)
                .activation(Activation.RELU).dense(inputWidth, Parameterization.STANDARD).activation(Activation.SIGMOID).build();
        return new Autoencoder(enc, dec, sites, width);
    }

    /** The latent rows of a batch: (n * S) x C. */
    INDArray latents(INDArray x) {
        return encoder.forward(x).reshape('c', x.rows() * sites, width);
    }

    /** Trains for {@code steps} mini-batches of {@code batchSize} from a seeded order. */
    void train(INDArray x, Quantizer quantizer, int steps, int batchSize, double learningRate, long seed) {
        Adam encoderOptimizer = new Adam(learningRate);
        Adam decoderOptimizer = new Adam(learningRate);
        float[] data = x.castTo(DataType.FLOAT).dup('c').data().asFloat();
        int d = (int) x.columns();
        int n = (int) x.rows();
        int done = 0;
        for (int epoch = 0; done < steps; epoch++) {
            for (int[] batch : MiniBatches.epoch(n, batchSize, seed, epoch)) {
                if (done++ == steps) {
                    break;
                }
                float[] rows = new float[batch.length * d];
                for (int i = 0; i < batch.length; i++) {
                    System.arraycopy(data, batch[i] * d, rows, i * d, d);
                }
                INDArray xb = Nd4j.create(rows, new long[] {batch.length, d}, 'c');
                step(xb, quantizer, encoderOptimizer, decoderOptimizer);
            }
        }
    }

    private void step(INDArray xb, Quantizer quantizer, Adam encoderOptimizer, Adam decoderOptimizer) {
        long n = xb.rows();
        INDArray z = latents(xb);
        Quantization q = quantizer.quantize(z);
        INDArray zq = q.reconstruction().castTo(DataType.FLOAT).reshape('c', n, (long) sites * width);
        INDArray decoderInputGradient = decoder.trainStepWithInputGradient(zq, xb, Losses.MEAN_SQUARED_ERROR, decoderOptimizer);
        INDArray g = quantizer.encoderGradient(q, decoderInputGradient.reshape('c', n * sites, width));
        if (!Arrays.equals(g.shape(), z.shape())) {
            throw new IllegalStateException("the quantizer's encoder gradient has shape " + Arrays.toString(g.shape())
                    + "; the latents have " + Arrays.toString(z.shape()));
        }
        INDArray encoderGradient = g.castTo(DataType.FLOAT).reshape('c', n, (long) sites * width).dup();
        encoder.trainStep(xb, out -> encoderGradient, encoderOptimizer);
        quantizer.update(q);
    }

    /** Reconstructions of {@code x} through the quantizer, with its quantization. */
    Reconstruction reconstruct(INDArray x, Quantizer quantizer) {
        INDArray z = latents(x);
        long t0 = System.nanoTime();
        Quantization q = quantizer.quantize(z);
        double seconds = (System.nanoTime() - t0) / 1e9;
        INDArray images = decoder.forward(q.reconstruction().castTo(DataType.FLOAT).reshape('c', x.rows(), (long) sites * width));
        return new Reconstruction(images, q, seconds);
    }

    /**
     * @param images          n x d reconstructions
     * @param quantization    the quantization of the n * S latent rows
     * @param quantizeSeconds wall time of that quantize call
     */
    record Reconstruction(INDArray images, Quantization quantization, double quantizeSeconds) {
    }
}
