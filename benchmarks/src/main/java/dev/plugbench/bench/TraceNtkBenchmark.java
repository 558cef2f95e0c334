package dev.plugbench.bench;

import dev.plugbench.toolkit.NumericRuntime;
import dev.plugbench.toolkit.data.Digits;
import dev.plugbench.toolkit.nn.Activation;
import dev.plugbench.toolkit.nn.Network;
import dev.plugbench.toolkit.nn.Parameterization;
import dev.plugbench.toolkit.nn.TangentKernels;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The trace-NTK Gram of an MLP 64-100-100-10 (ReLU, float64) on the first 600 digits, layer by layer
 * from backpropagated signals. Peer: python/trntk_torch.py (per-example autograd loop in torch).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TraceNtkBenchmark {
    private Network net;
    private INDArray x;

    @Setup
    public void setUp() {
        NumericRuntime.configure();
        net = Network.builder(64, DataType.DOUBLE, 1).dense(100, Parameterization.NTK).activation(Activation.RELU)
                .dense(100, Parameterization.NTK).activation(Activation.RELU).dense(10, Parameterization.NTK).build();
        x = Digits.load().features().get(NDArrayIndex.interval(0, 600), NDArrayIndex.all()).div(16);
    }

    @Benchmark
    public INDArray traceNtkGram() {
        return TangentKernels.trace(net, x, x, true);
    }
}
