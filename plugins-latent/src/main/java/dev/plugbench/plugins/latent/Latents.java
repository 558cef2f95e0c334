package dev.plugbench.plugins.latent;

import dev.plugbench.api.latent.Quantization;
import dev.plugbench.api.latent.QuantizerShape;
import java.util.Arrays;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Checks shared by every quantizer: the latents' shape and finiteness, and the straight-through gradient. */
final class Latents {
    private Latents() {
    }

    /** Refuses anything but finite n x C latents, naming the problem. */
    static void check(INDArray latents, QuantizerShape shape, String methodId) {
        Objects.requireNonNull(latents, "latents is null");
        if (latents.rank() != 2 || latents.columns() != shape.latentDim()) {
            throw new IllegalArgumentException(methodId + " was created for latent vectors of width C = " + shape.latentDim()
                    + " (one vector a row, n x " + shape.latentDim() + "); got shape " + Arrays.toString(latents.shape())
                    + ". Reshape the encoder output to (n * sites) x C, or create the quantizer with the encoder's width.");
        }
        if (latents.rows() == 0) {
            throw new IllegalArgumentException(methodId + " got no latent vectors (0 rows)");
        }
        double sum = latents.sumNumber().doubleValue();
        if (!Double.isFinite(sum)) {
            throw new IllegalArgumentException(methodId + " got non-finite latents (NaN or infinity): the encoder diverged or"
                    + " its input holds NaN; lower the learning rate or clean the data");
        }
    }

    /**
     * Straight-through: the decoder's gradient passed to the encoder unchanged, plus the gradient
     * of the commitment term beta mean((z - sg(z_q))^2), that is 2 beta (z - z_q) / (n C).
     */
    static INDArray straightThrough(Quantization q, INDArray reconstructionGradient, double beta, String methodId) {
        Objects.requireNonNull(reconstructionGradient, "reconstructionGradient is null");
        if (!Arrays.equals(reconstructionGradient.shape(), q.latents().shape())) {
            throw new IllegalArgumentException(methodId + ": the reconstruction gradient has shape "
                    + Arrays.toString(reconstructionGradient.shape()) + " but the latents " + Arrays.toString(q.latents().shape()));
        }
        double scale = 2 * beta / q.latents().length();
        INDArray commitment = q.latents().castTo(reconstructionGradient.dataType())
                .sub(q.reconstruction().castTo(reconstructionGradient.dataType())).muli(scale);
        return reconstructionGradient.add(commitment);
    }

    /** mean((z - z_q)^2). */
    static double meanSquaredResidual(INDArray latents, INDArray reconstruction) {
        INDArray d = latents.castTo(reconstruction.dataType()).sub(reconstruction);
        return d.mul(d).sumNumber().doubleValue() / d.length();
    }
}
