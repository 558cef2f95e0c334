package dev.plugbench.tasks.spectral;

import dev.plugbench.api.model.ModelSnapshot;
import dev.plugbench.toolkit.nn.Loss;
import dev.plugbench.toolkit.nn.Network;
import dev.plugbench.toolkit.nn.Optimizer;
import dev.plugbench.toolkit.nn.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One training run under a regime, kept as the parameters at each probe checkpoint. Probes only
 * observe training, so every probe of a (task, setting, seed) reads the same trajectory: it is
 * trained once and shared (see {@link Cache}), and each probe call gets the network restored to a
 * checkpoint. Training is deterministic per seed, so a probe sees exactly what it saw when it
 * trained its own copy.
 *
 * @param steps       the checkpoints' step numbers, ascending
 * @param snapshots   the parameters at each checkpoint
 * @param finalValues metrics of the trained network (test error, accuracy) for every cell
 */
record Trajectory(int[] steps, List<ModelSnapshot> snapshots, Map<String, Double> finalValues) {
    Trajectory {
        snapshots = List.copyOf(snapshots);
        finalValues = Map.copyOf(finalValues);
    }

    /** Trains {@code net} under {@code regime}, snapshotting at its checkpoints, then evaluates the trained network. */
    static Trajectory record(Network net, List<Parameter> trainable, Regime regime, boolean quick, Loss loss, INDArray x, INDArray y,
                             java.util.function.Function<Network, Map<String, Double>> evaluate) {
        Optimizer optimizer = regime.optimizer();
        int[] steps = regime.checkpoints(quick);
        List<ModelSnapshot> snapshots = new ArrayList<>();
        int done = 0;
        for (int checkpoint : steps) {
            ProbeSchedule.trainSteps(net, trainable, optimizer, loss, x, y, checkpoint - done);
            done = checkpoint;
            snapshots.add(net.snapshot());
        }
        return new Trajectory(steps, snapshots, evaluate.apply(net));
    }

    ModelSnapshot initial() {
        return snapshots.get(0);
    }

    /** Trajectories by key, each trained once even when several cells ask for it at the same time; the least recently used go first. */
    static final class Cache {
        private final int capacity;
        private final Map<String, CompletableFuture<Trajectory>> entries;

        Cache(int capacity) {
            this.capacity = capacity;
            this.entries = new LinkedHashMap<>(16, 0.75f, true);
        }

        Trajectory get(String key, Supplier<Trajectory> train) {
            CompletableFuture<Trajectory> mine = new CompletableFuture<>();
            CompletableFuture<Trajectory> existing;
            synchronized (entries) {
                existing = entries.get(key);
                if (existing == null) {
                    entries.put(key, mine);
                    while (entries.size() > capacity) {
                        entries.remove(entries.keySet().iterator().next());
                    }
                }
            }
            if (existing != null) {
                return existing.join();
            }
            try {
                Trajectory t = train.get();
                mine.complete(t);
                return t;
            } catch (RuntimeException | Error e) {
                synchronized (entries) {
                    entries.remove(key, mine);
                }
                mine.completeExceptionally(e);
                throw e;
            }
        }
    }
}
