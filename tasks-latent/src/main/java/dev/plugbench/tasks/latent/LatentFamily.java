package dev.plugbench.tasks.latent;

import dev.plugbench.api.latent.LatentQuantizer;
import dev.plugbench.api.latent.Quantization;
import dev.plugbench.api.latent.Quantizer;
import dev.plugbench.api.latent.QuantizerShape;
import dev.plugbench.host.FamilyDescriptor;
import dev.plugbench.toolkit.data.Gaussian;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The latent family: {@link LatentQuantizer}s, sampled by one quantise, gradient and update on 32 latents of width 4. */
public final class LatentFamily implements FamilyDescriptor<LatentQuantizer> {
    private static final INDArray LATENTS = Nd4j.createFromArray(Gaussian.next(new SplittableRandom(9), 32 * 4)).reshape(32, 4);

    @Override
    public String family() {
        return LatentQuantizer.FAMILY;
    }

    @Override
    public Class<LatentQuantizer> extensionPoint() {
        return LatentQuantizer.class;
    }

    @Override
    public void sampleCall(LatentQuantizer method) {
        Quantizer quantizer = method.create(new QuantizerShape(4, 8), method.info().defaults(), 1);
        Quantization z = quantizer.quantize(LATENTS);
        INDArray g = quantizer.encoderGradient(z, Nd4j.onesLike(z.reconstruction()));
        FamilyDescriptor.require(Arrays.equals(g.shape(), LATENTS.shape()), method, "gave an encoder gradient of the wrong shape");
        quantizer.update(z);
    }
}
