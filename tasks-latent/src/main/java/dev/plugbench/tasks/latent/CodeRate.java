package dev.plugbench.tasks.latent;

import dev.plugbench.api.latent.Quantization;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The size of a code, so that quantizers are compared at equal rate: a VQ code is one index, a
 * sparse code S0 indices and S0 coefficients, a residual code S indices. Each index used costs
 * log2 K bits; coefficients cost {@link #COEFFICIENT_BITS} each when they carry information (some
 * differ from 1) and nothing when every one is exactly 1 (VQ, residual VQ). The distortion is
 * measured with the coefficients as computed (float64); rounding them to IEEE half precision would
 * move each by at most 2^-11 of its value, far below the reconstruction errors at these rates.
 */
final class CodeRate {
    /** Bits per coefficient: IEEE 754 half precision. */
    static final int COEFFICIENT_BITS = 16;

    private CodeRate() {
    }

    /** Mean bits per latent vector of a quantization with a codebook of {@code codebookSize} entries. */
    static double bitsPerVector(Quantization q, int codebookSize) {
        int[][] codes = q.codes();
        if (codes.length == 0) {
            return 0;
        }
        double indexBits = Math.log(codebookSize) / Math.log(2);
        double[] coefficients = q.coefficients().castTo(DataType.DOUBLE).dup('c').data().asDouble();
        int slots = codes[0].length;
        long used = 0;
        boolean informative = false;
        for (int i = 0; i < codes.length; i++) {
            for (int s = 0; s < codes[i].length; s++) {
                if (codes[i][s] >= 0) {
                    used++;
                    informative |= coefficients[i * slots + s] != 1.0;
                }
            }
        }
        return used * (indexBits + (informative ? COEFFICIENT_BITS : 0)) / codes.length;
    }
}
