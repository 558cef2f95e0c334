package dev.plugbench.tasks.spectral.monitor;

import dev.plugbench.api.Params;
import dev.plugbench.api.model.DifferentiableModel;
import dev.plugbench.api.model.Model;
import dev.plugbench.api.model.ModelSnapshot;
import dev.plugbench.api.spectral.Measurement;
import dev.plugbench.api.spectral.ProbeInput;
import dev.plugbench.api.spectral.SpectralProbe;
import dev.plugbench.host.Plugbench;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runs chosen spectral probes every k steps of a training loop the caller owns:
 *
 * <pre>{@code
 * ProbeMonitor monitor = ProbeMonitor.builder(host).probe("weight-esd").probe("norm-change").every(10)
 *         .start(net, x, y);                      // takes the initial snapshot
 * for (int step = 1; step <= 100; step++) {
 *     net.trainStep(...);
 *     monitor.afterStep(step, net);              // probes at steps 10, 20, ...
 * }
 * monitor.history();                             // (step, probe, measurement), in order
 * }</pre>
 *
 * Probes are looked up through the host, so a probe plugin reloaded meanwhile is used from the next
 * checkpoint on. Not thread-safe: the training loop owns it.
 */
public final class ProbeMonitor {
    /**
     * One probe's measurement at one step.
     *
     * @param step        the training step
     * @param probe       the probe's id
     * @param measurement what it measured
     */
    public record Checkpoint(long step, String probe, Measurement measurement) {
    }

    private final Map<String, SpectralProbe> probes;
    private final Map<String, Params> params;
    private final int every;
    private final ModelSnapshot initial;
    private final INDArray inputs;
    private final INDArray targets;
    private final INDArray direction;
    private final List<Checkpoint> history = new ArrayList<>();

    private ProbeMonitor(Builder b, Model model, INDArray inputs, INDArray targets) {
        this.probes = new LinkedHashMap<>(b.probes);
        this.params = new LinkedHashMap<>(b.params);
        this.every = b.every;
        this.initial = model.snapshot();
        this.inputs = inputs;
        this.targets = targets;
        this.direction = b.direction;
        measure(0, model);
    }

    public static Builder builder(Plugbench host) {
        return new Builder(host);
    }

    /** Call after each training step; probes run when {@code step} is a multiple of k. */
    public void afterStep(long step, Model model) {
        if (step > 0 && step % every == 0) {
            measure(step, model);
        }
    }

    /**
     * Runs every probe now, whatever the step. Kernel probes get the model when it is a
     * {@link DifferentiableModel}; with any other model they refuse with a message saying so.
     */
    public void measure(long step, Model model) {
        DifferentiableModel differentiable = model instanceof DifferentiableModel d ? d : null;
        ProbeInput input = new ProbeInput(model.snapshot(), initial, inputs, targets, differentiable, direction);
        for (Map.Entry<String, SpectralProbe> e : probes.entrySet()) {
            history.add(new Checkpoint(step, e.getKey(), e.getValue().measure(input, params.get(e.getKey()))));
        }
    }

    /** Every checkpoint so far, in order. */
    public List<Checkpoint> history() {
        return List.copyOf(history);
    }

    /** One value of one probe across checkpoints (step to value). */
    public Map<Long, Double> series(String probe, String value) {
        Map<Long, Double> out = new LinkedHashMap<>();
        for (Checkpoint c : history) {
            if (c.probe().equals(probe) && c.measurement().values().containsKey(value)) {
                out.put(c.step(), c.measurement().values().get(value));
            }
        }
        return out;
    }

    /** Chooses probes and the interval. */
    public static final class Builder {
        private final Plugbench host;
        private final Map<String, SpectralProbe> probes = new LinkedHashMap<>();
        private final Map<String, Params> params = new LinkedHashMap<>();
        private int every = 1;
        private INDArray direction;

        private Builder(Plugbench host) {
            this.host = Objects.requireNonNull(host, "host is null");
        }

        /** A probe with its default parameters. */
        public Builder probe(String id) {
            return probe(id, Map.of());
        }

        /** A probe with parameters (validated now). */
        public Builder probe(String id, Map<String, ?> values) {
            SpectralProbe p = host.method(SpectralProbe.class, id);
            params.put(id, p.info().bind(values));
            probes.put(id, p);
            return this;
        }

        /** Probe every k steps (and at step 0). */
        public Builder every(int k) {
            if (k < 1) {
                throw new IllegalArgumentException("every = " + k + ": probe at least every step (k >= 1)");
            }
            this.every = k;
            return this;
        }

        /** A known input direction (the teacher's beta) for alignment probes. */
        public Builder direction(INDArray beta) {
            this.direction = beta;
            return this;
        }

        /** Starts monitoring a model now (step 0: the initial snapshot and a first measurement). */
        public ProbeMonitor start(Model model, INDArray inputs, INDArray targets) {
            if (probes.isEmpty()) {
                throw new IllegalStateException("choose at least one probe");
            }
            return new ProbeMonitor(this, model, inputs, targets);
        }
    }
}
