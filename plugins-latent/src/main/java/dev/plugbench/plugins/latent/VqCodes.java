package dev.plugbench.plugins.latent;

import dev.plugbench.api.latent.Quantization;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The Quantization of single-code VQ: one code per row, coefficient 1. */
final class VqCodes {
    private VqCodes() {
    }

    static Quantization quantization(INDArray latents, INDArray reconstruction, int[] codes, double loss) {
        int[][] perRow = new int[codes.length][];
        for (int i = 0; i < codes.length; i++) {
            perRow[i] = new int[] {codes[i]};
        }
        return new Quantization(latents, reconstruction, perRow, Nd4j.ones(latents.dataType(), codes.length, 1), loss);
    }
}
