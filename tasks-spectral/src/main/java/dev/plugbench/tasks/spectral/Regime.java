package dev.plugbench.tasks.spectral;

import dev.plugbench.api.bench.Setting;
import dev.plugbench.toolkit.nn.Adam;
import dev.plugbench.toolkit.nn.Optimizer;
import dev.plugbench.toolkit.nn.Sgd;

/**
 * A training regime: full-batch gradient descent or Adam, a constant learning rate, a number of steps.
 *
 * @param name  the setting's name in results
 * @param adam  Adam instead of plain gradient descent
 * @param lr    learning rate
 * @param steps full-batch steps
 * @param centred whether the training targets are centred on their mean (the two-layer task's
 *                default, since its model has no bias); tasks that do not centre ignore it
 */
record Regime(String name, boolean adam, double lr, int steps, boolean centred) {
    Regime(String name, boolean adam, double lr, int steps) {
        this(name, adam, lr, steps, true);
    }

    /** The same regime on uncentred targets, named {@code <name>-raw-targets}. */
    Regime rawTargets() {
        return new Regime(name + "-raw-targets", adam, lr, steps, false);
    }

    /** The task setting of this regime: its name, with the optimiser, learning rate and steps (and raw targets) as fields. */
    Setting setting() {
        Setting s = Setting.of(name, "optimizer", adam ? "adam" : "sgd", "learning_rate", lr, "steps", steps);
        return centred ? s : Setting.of(name, "optimizer", adam ? "adam" : "sgd", "learning_rate", lr, "steps", steps, "targets", "raw");
    }

    /** The regime a setting describes. */
    static Regime of(Setting s) {
        return new Regime(s.name(), s.text("optimizer").equals("adam"), s.real("learning_rate"), Math.toIntExact(s.integer("steps")),
                !"raw".equals(s.fields().get("targets")));
    }

    Optimizer optimizer() {
        return adam ? new Adam(lr) : new Sgd(lr);
    }

    /**
     * Steps at which probes run: 0, a quarter, a half, three quarters, the end (quick: 0, a half, the
     * end), each once (a one-step regime probes at 0 and 1).
     */
    int[] checkpoints(boolean quick) {
        int[] all = quick ? new int[] {0, steps / 2, steps} : new int[] {0, steps / 4, steps / 2, 3 * steps / 4, steps};
        return java.util.Arrays.stream(all).distinct().toArray();
    }
}
