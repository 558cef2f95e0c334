package dev.plugbench.plugins.lwa;

import dev.plugbench.api.ParamSpec;
import dev.plugbench.api.Params;
import dev.plugbench.toolkit.data.MiniBatches;
import dev.plugbench.toolkit.nn.Activation;
import dev.plugbench.toolkit.nn.Adam;
import dev.plugbench.toolkit.nn.Network;
import dev.plugbench.toolkit.nn.Parameterization;
import java.util.List;
import java.util.function.Consumer;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The training budget every method of the family shares, so comparisons are like for like: MLPs
 * d-hidden-out (ReLU, float32), {@code steps} mini-batches of {@code batch_size} (seeded epochs), Adam at
 * {@code learning_rate}. A step budget, not an epoch budget, so small and large tasks train alike. Each method spends it once per network it trains.
 */
record Training(int hidden, int steps, int batchSize, double learningRate) {
    static final List<ParamSpec> PARAMS = List.of(
            ParamSpec.integer("hidden", 32, 1, 4096, "hidden width of the rejector and expert MLPs"),
            ParamSpec.integer("steps", 800, 1, 10_000_000, "mini-batch steps per network (over as many epochs as they take)"),
            ParamSpec.integer("batch_size", 64, 1, 1_000_000, "mini-batch size"),
            ParamSpec.real("learning_rate", 2e-3, 1e-7, 1.0, "Adam learning rate"));

    static Training of(Params params) {
        return new Training(params.integer("hidden"), params.integer("steps"), params.integer("batch_size"),
                params.real("learning_rate"));
    }

    /** A fresh MLP inputWidth-hidden-outputs, initialised from {@code seed}. */
    Network mlp(int inputWidth, int outputs, long seed) {
        return Network.builder(inputWidth, DataType.FLOAT, seed).dense(hidden, Parameterization.STANDARD)
                .activation(Activation.RELU).dense(outputs, Parameterization.STANDARD).build();
    }

    Adam optimizer() {
        return new Adam(learningRate);
    }

    /**
     * Runs {@code step} on the row indices of {@code steps} mini-batches, epoch after seeded epoch,
     * with the learning rate of {@code optimizers} on a cosine schedule from {@code learning_rate}
     * down to 1% of it (late steps refine rather than jitter: the rejectors' decisions hinge on
     * small logit differences).
     */
    void forEachBatch(int n, long seed, Consumer<int[]> step, Adam... optimizers) {
        int done = 0;
        for (int e = 0; done < steps; e++) {
            for (int[] batch : MiniBatches.epoch(n, Math.min(batchSize, n), seed, e)) {
                if (done == steps) {
                    return;
                }
                double rate = learningRate * (0.01 + 0.99 * 0.5 * (1 + Math.cos(Math.PI * done / steps)));
                for (Adam a : optimizers) {
                    a.setLearningRate(rate);
                }
                done++;
                step.accept(batch);
            }
        }
    }
}
