package dev.plugbench.plugins.latent;

import dev.plugbench.toolkit.linalg.MatMul;
import dev.plugbench.toolkit.nn.StepWorkspace;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Nearest-codeword assignment: argmin_k ||z - e_k||^2 = argmax_k (z.e_k - ||e_k||^2 / 2), the
 * products of a block of rows with the codebook in one BLAS call (in the latents' precision), then
 * one row-wise argmax. Public for the JMH benchmarks (benchmarks); a plugin class, not part of the contract.
 */
public final class NearestCodeword {
    static final int BLOCK = 2048;

    private NearestCodeword() {
    }

    /** The nearest row of {@code codebook} (K x C) for every row of {@code latents} (n x C). */
    public static int[] assign(INDArray latents, INDArray codebook) {
        DataType type = latents.dataType() == DataType.FLOAT ? DataType.FLOAT : DataType.DOUBLE;
        INDArray z = latents.castTo(type);
        INDArray e = codebook.castTo(type);
        int n = (int) z.rows();
        // argmin_k ||z - e_k||^2 = argmax_k (z.e_k - ||e_k||^2 / 2)
        INDArray halfNorms = e.mul(e).sum(1).muli(0.5).reshape(1, e.rows());
        int[] codes = new int[n];
        for (int start = 0; start < n; start += BLOCK) {
            int end = Math.min(n, start + BLOCK);
            try (MemoryWorkspace ws = StepWorkspace.open("plugbench-latent-coding")) {
                INDArray block = z.get(NDArrayIndex.interval(start, end), NDArrayIndex.all()).dup('c');
                INDArray scores = MatMul.of(block, false, e, true, 1.0).subiRowVector(halfNorms);
                int[] best = Nd4j.argMax(scores, 1).castTo(DataType.INT).reshape(end - start).toIntVector();
                System.arraycopy(best, 0, codes, start, best.length);
            }
        }
        return codes;
    }

}
