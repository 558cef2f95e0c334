package dev.plugbench.plugins.latent;

import dev.plugbench.api.latent.Quantization;
import dev.plugbench.api.latent.QuantizerShape;
import dev.plugbench.toolkit.linalg.Buffers;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Residual VQ with S0 stages: stage s quantizes what the stages before it left,
 * r_0 = z, k_s = nearest(r_s), r_{s+1} = r_s - e_{k_s}, and the reconstruction is the sum of the
 * picked codewords. Every stage has its own K-codeword {@link EmaCodebook} (k-means start, dead-code
 * restarts), so a vector costs S0 codes of log2(K) bits, as a dictionary code of sparsity S0 costs
 * S0 atom indices (plus coefficients). Usage counts pool the stages (code k of any stage counts for k).
 */
final class RvqQuantizer extends StraightThroughQuantizer {
    private final EmaCodebook[] stages;

    RvqQuantizer(QuantizerShape shape, int stages, double beta, double decay, double restartThreshold, int kMeansIterations, long seed) {
        super("rvq", shape, beta);
        this.stages = new EmaCodebook[stages];
        for (int s = 0; s < stages; s++) {
            this.stages[s] = new EmaCodebook(shape.codebookSize(), shape.latentDim(), decay, restartThreshold, kMeansIterations,
                    seed * 31 + s);
        }
    }

    @Override
    public Quantization quantize(INDArray latents) {
        check(latents);
        int n = (int) latents.rows();
        int[][] codes = new int[n][stages.length];
        INDArray residual = latents.castTo(DataType.DOUBLE).dup();
        INDArray sum = Nd4j.zeros(DataType.DOUBLE, n, shape.latentDim());
        for (int s = 0; s < stages.length; s++) {
            int[] k = stages[s].codebook.assign(residual);
            INDArray picked = stages[s].codebook.gather(k, DataType.DOUBLE);
            sum.addi(picked);
            residual.subi(picked);
            for (int i = 0; i < n; i++) {
                codes[i][s] = k[i];
            }
        }
        INDArray reconstruction = sum.castTo(latents.dataType());
        return new Quantization(latents, reconstruction, codes, Nd4j.ones(latents.dataType(), n, stages.length),
                beta * Latents.meanSquaredResidual(latents, reconstruction));
    }

    @Override
    public void update(Quantization q) {
        int n = (int) q.latents().rows();
        int c = shape.latentDim();
        double[] residual = Buffers.rowMajor(q.latents());
        count(q.codes());
        for (int s = 0; s < stages.length; s++) {
            int[] codes = new int[n];
            for (int i = 0; i < n; i++) {
                codes[i] = q.codes()[i][s];
            }
            double[] words = stages[s].codebook.words.clone();
            stages[s].learn(residual, n, codes);
            for (int i = 0; i < n; i++) {
                for (int m = 0; m < c; m++) {
                    residual[i * c + m] -= words[codes[i] * c + m];
                }
            }
        }
    }
}
