package dev.plugbench.bench;

import dev.plugbench.api.lwa.Costs;
import dev.plugbench.api.lwa.Decisions;
import dev.plugbench.api.lwa.FittedRule;
import dev.plugbench.api.lwa.RejectionProblem;
import dev.plugbench.api.lwa.RejectionRule;
import dev.plugbench.plugins.lwa.ConfidenceRule;
import dev.plugbench.plugins.lwa.L2hJointRule;
import dev.plugbench.plugins.lwa.L2hMulticlassRule;
import dev.plugbench.toolkit.NumericRuntime;
import dev.plugbench.toolkit.data.Dataset;
import dev.plugbench.toolkit.data.Digits;
import dev.plugbench.toolkit.nn.Losses;
import dev.plugbench.toolkit.nn.Network;
import dev.plugbench.toolkit.nn.Parameterization;
import dev.plugbench.toolkit.nn.Sgd;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decisions per second of a fitted rejection rule on digits-binary (UCI digits 3 vs 8, pixels / 16,
 * a logistic-regression client), in batches of 10,000 inputs (the pair's images tiled). The score
 * is inputs per second: target at least 1,000,000 on 2 cores.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RejectionDecideBenchmark {
    static final int BATCH = 10_000;

    @Param({"l2h-joint", "l2h-multiclass", "confidence"})
    public String method;

    private FittedRule rule;
    private INDArray batch;

    @Setup
    public void setUp() {
        NumericRuntime.configure();
        Dataset pair = Digits.load().selectClasses(3, 8);
        INDArray x = pair.features().div(16);
        Network client = Network.builder(64, DataType.DOUBLE, 1).dense(2, Parameterization.STANDARD).build();
        INDArray y = pair.oneHot();
        Sgd sgd = new Sgd(0.5);
        for (int s = 0; s < 30; s++) {
            client.trainStep(x, y, Losses.SOFTMAX_CROSS_ENTROPY, sgd);
        }
        RejectionRule r = switch (method) {
            case "l2h-joint" -> new L2hJointRule();
            case "l2h-multiclass" -> new L2hMulticlassRule();
            case "confidence" -> new ConfidenceRule();
            default -> throw new IllegalArgumentException(method);
        };
        rule = r.fit(new RejectionProblem(client, x, pair.labels(), 2, new Costs(0.0, 1)), r.info().defaults(), 0);
        int n = (int) x.rows();
        int[] rows = new int[BATCH];
        for (int i = 0; i < BATCH; i++) {
            rows[i] = i % n;
        }
        batch = Nd4j.create(x.castTo(DataType.FLOAT).getRows(rows).toFloatMatrix());
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public Decisions decide() {
        return rule.decide(batch);
    }
}
