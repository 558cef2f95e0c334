package dev.plugbench.tasks.attribution;

import dev.plugbench.toolkit.data.Dataset;
import dev.plugbench.toolkit.data.Digits;
import dev.plugbench.toolkit.data.Split;
import dev.plugbench.toolkit.nn.Network;

/**
 * All ten UCI digits, pixels / 16; MLP 64-100-100-10 (NTK parameterisation) trained by Adam on
 * softmax cross-entropy (300 steps). Full: a stratified 50/50 split (about 900 training points, the
 * kernel's columns); quick: 400 training and 200 test points of a stratified split.
 */
public final class DigitsMulticlassTask extends FaithfulnessTask {
    /** Full-batch Adam steps of the project's recipe (full and quick runs). */
    static final int STEPS = 300;
    static final int STEPS_QUICK = 200;

    @Override
    public String name() {
        return "digits-multiclass";
    }

    @Override
    public String description() {
        return "UCI digits, 10 classes, MLP 64-100-100-10 (NTK parameterisation, Adam); kGLM on each kernel vs the network.";
    }

    @Override
    SurrogateProblem prepare(long seed, boolean quick, Trainer.Recipe recipe) {
        return prepare(seed, seed, quick, recipe);
    }

    /** The problem of the split drawn from {@code splitSeed}, with the network trained from {@code seed} (the lds task fixes the split). */
    SurrogateProblem problemOnSplit(long splitSeed, long seed, boolean quick, Trainer.Recipe recipe) {
        return splitSeed == seed ? problem(seed, quick, recipe)
                : cached(getClass().getName() + "/" + seed + "/" + quick + "/" + recipe + "/split " + splitSeed, () -> prepare(splitSeed, seed, quick, recipe));
    }

    private static SurrogateProblem prepare(long splitSeed, long seed, boolean quick, Trainer.Recipe recipe) {
        Dataset all = Digits.load();
        Split s = Split.stratified(all, 0.5, splitSeed);
        Dataset train = quick ? Split.stratified(s.train(), 1 - 400.0 / s.train().size(), splitSeed).train() : s.train();
        Dataset test = quick ? Split.sample(s.test(), 200.0 / s.test().size(), splitSeed) : s.test();
        Network net = Trainer.train(recipe, train.features().div(16), train.labels(), 10, seed, quick ? STEPS_QUICK : STEPS);
        return new SurrogateProblem(net, train.features().div(16), train.labels(), test.features().div(16), test.labels(), 10,
                all.contentHash());
    }
}
