package dev.plugbench.bench;

import static dev.plugbench.bench.BenchMatrices.uniform;

import dev.plugbench.plugins.latent.BatchOmp;
import dev.plugbench.plugins.latent.NearestCodeword;
import dev.plugbench.toolkit.NumericRuntime;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The latent family's two hot loops on the inputs of benchmarks/python/latent_numpy.py (SplitMix64
 * uniforms, the same on both sides; the checksums printed at set-up must match the peer's):
 * Batch-OMP of N = 20,000 vectors, C = 16, K = 512 unit atoms, S0 = 3 (float64), and nearest-codeword
 * assignment of N = 100,000 vectors, C = 16, K = 512 (float32). Scores are vectors per second.
 * In the plugin's package to reach its package-private coders, as its tests do.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LatentCodingBenchmark {
    static final int OMP_N = 20_000;
    static final int VQ_N = 100_000;
    static final int C = 16;
    static final int K = 512;
    static final int S0 = 3;

    private BatchOmp omp;
    private INDArray ompLatents;
    private INDArray codebook;
    private INDArray vqLatents;

    @Setup
    public void setUp() {
        NumericRuntime.configure();
        INDArray d = Nd4j.create(uniform(7, C * K), new long[] {C, K}, 'c');
        d.diviRowVector(d.norm2(0).reshape(1, K));
        omp = new BatchOmp(d);
        ompLatents = Nd4j.create(uniform(8, OMP_N * C), new long[] {OMP_N, C}, 'c');
        codebook = Nd4j.create(uniform(9, K * C), new long[] {K, C}, 'c').castTo(DataType.FLOAT);
        vqLatents = Nd4j.create(uniform(10, VQ_N * C), new long[] {VQ_N, C}, 'c').castTo(DataType.FLOAT);
        BatchOmp.Codes codes = omp.code(ompLatents, S0);
        double coefSum = 0;
        long supportSum = 0;
        for (int i = 0; i < codes.support().length; i++) {
            coefSum += Math.abs(codes.coefficients()[i]);
            supportSum += codes.support()[i];
        }
        long codeSum = 0;
        for (int c : NearestCodeword.assign(vqLatents, codebook)) {
            codeSum += c;
        }
        System.out.printf("%nchecksums: omp sum|coef| = %.9f, sum(support) = %d; vq sum(codes) = %d%n", coefSum, supportSum, codeSum);
    }

    @Benchmark
    @OperationsPerInvocation(OMP_N)
    public BatchOmp.Codes batchOmp() {
        return omp.code(ompLatents, S0);
    }

    @Benchmark
    @OperationsPerInvocation(VQ_N)
    public int[] vqAssignment() {
        return NearestCodeword.assign(vqLatents, codebook);
    }
}
