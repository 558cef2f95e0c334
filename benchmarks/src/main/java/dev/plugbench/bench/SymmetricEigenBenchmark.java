package dev.plugbench.bench;

import dev.plugbench.toolkit.linalg.SymmetricEigen;
import dev.plugbench.toolkit.NumericRuntime;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Eigenvalues and eigenvectors of a symmetric n x n float64 matrix (LAPACK dsyevd).
 * Peer: python/eigh_numpy.py (numpy.linalg.eigh on the same matrices).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SymmetricEigenBenchmark {
    @Param({"500", "1000", "2000"})
    public int n;

    private INDArray a;

    @Setup
    public void setUp() {
        NumericRuntime.configure();
        a = BenchMatrices.symmetric(n, 42);
        // the same matrices as python/eigh_numpy.py, which prints sum(eigenvalues) = trace
        System.err.printf("n=%d trace=%.6f%n", n, org.nd4j.linalg.factory.Nd4j.diag(a).sumNumber().doubleValue());
    }

    @Benchmark
    public SymmetricEigen eigh() {
        return SymmetricEigen.of(a);
    }
}
