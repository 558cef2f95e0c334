package dev.plugbench.bench;

import dev.plugbench.toolkit.data.Gaussian;
import dev.plugbench.toolkit.nn.Activation;
import dev.plugbench.toolkit.nn.Losses;
import dev.plugbench.toolkit.nn.Network;
import dev.plugbench.toolkit.nn.Parameterization;
import dev.plugbench.toolkit.nn.Sgd;
import java.util.SplittableRandom;
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
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One SGD training step (forward, softmax cross-entropy, backward, update) of an MLP 784-256-10
 * with ReLU, batch 128, float32. Peer: python/mlp_step_torch.py (torch, same sizes, 2 threads).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MlpTrainingStepBenchmark {
    private Network net;
    private Sgd sgd;
    private INDArray x;
    private INDArray y;

    @Setup
    public void setUp() {
        NumericRuntime.configure();
        net = Network.builder(784, DataType.FLOAT, 1).dense(256, Parameterization.STANDARD).activation(Activation.RELU)
                .dense(10, Parameterization.STANDARD).build();
        sgd = new Sgd(0.01, 0.9, 0);
        SplittableRandom rng = new SplittableRandom(2);
        x = Nd4j.createFromArray(Gaussian.next(rng, 128 * 784)).reshape(128, 784).castTo(DataType.FLOAT);
        y = Nd4j.zeros(DataType.FLOAT, 128, 10);
        for (int i = 0; i < 128; i++) {
            y.putScalar(i, rng.nextInt(10), 1);
        }
    }

    @Benchmark
    public double trainingStep() {
        return net.trainStep(x, y, Losses.SOFTMAX_CROSS_ENTROPY, sgd);
    }
}
