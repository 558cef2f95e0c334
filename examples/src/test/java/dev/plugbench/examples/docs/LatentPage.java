package dev.plugbench.examples.docs;

import dev.plugbench.api.latent.LatentQuantizer;
import dev.plugbench.api.latent.Quantization;
import dev.plugbench.api.latent.Quantizer;
import dev.plugbench.api.latent.QuantizerShape;
import dev.plugbench.host.Plugbench;
import dev.plugbench.toolkit.nn.Losses;
import dev.plugbench.toolkit.nn.Network;
import dev.plugbench.toolkit.nn.Optimizer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/** sdk-docs/latent.md's worked example: a plugin's quantizer inside the caller's own training loop. */
final class LatentPage {
    private LatentPage() {
    }

    /** Trains encoder and decoder around the "dictionary" quantizer for one pass over the batches; each batch's quantizer loss. */
    static double[] train(Path plugins, List<INDArray> batches, Network encoder, Network decoder, Optimizer encoderOpt, Optimizer decoderOpt,
                       int sites, long seed) {
        double[] losses = new double[batches.size()];
        int b = 0;
        // tag::usage[]
        try (Plugbench host = Plugbench.builder().pluginsDir(plugins).build()) {
            LatentQuantizer method = host.method(LatentQuantizer.class, "dictionary");
            Quantizer q = method.create(new QuantizerShape(8, 64), method.info().bind(Map.of("sparsity", 3)), seed);
            for (INDArray x : batches) {
                INDArray z = encoder.forward(x).reshape('c', x.rows() * sites, 8);      // one latent vector a row
                Quantization quant = q.quantize(z);
                INDArray zq = quant.reconstruction().reshape('c', x.rows(), sites * 8);
                INDArray g = decoder.trainStepWithInputGradient(zq, x, Losses.MEAN_SQUARED_ERROR, decoderOpt);
                INDArray ge = q.encoderGradient(quant, g.reshape('c', x.rows() * sites, 8)).reshape('c', x.rows(), sites * 8);
                encoder.trainStep(x, out -> ge, encoderOpt);
                q.update(quant);
                losses[b++] = quant.loss();
            }
        }
        // end::usage[]
        return losses;
    }
}
