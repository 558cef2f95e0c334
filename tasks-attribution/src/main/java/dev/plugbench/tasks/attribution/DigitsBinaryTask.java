package dev.plugbench.tasks.attribution;

import dev.plugbench.toolkit.data.Dataset;
import dev.plugbench.toolkit.data.Digits;
import dev.plugbench.toolkit.data.Split;
import dev.plugbench.toolkit.nn.Network;

/**
 * UCI digits 3 vs 8 (a pair a linear model confuses), pixels / 16, stratified 70/30 split per seed;
 * MLP 64-100-100-1 (NTK parameterisation) trained by Adam on binary cross-entropy (300 steps; 150 quick).
 */
public final class DigitsBinaryTask extends FaithfulnessTask {
    @Override
    public String name() {
        return "digits-binary";
    }

    @Override
    public String description() {
        return "UCI digits 3 vs 8, MLP 64-100-100-1 (NTK parameterisation, Adam); kGLM on each kernel vs the network on the test split.";
    }

    @Override
    SurrogateProblem prepare(long seed, boolean quick, Trainer.Recipe recipe) {
        Dataset pair = Digits.load().selectClasses(3, 8);
        Split s = Split.stratified(pair, 0.3, seed);
        Network net = Trainer.train(recipe, s.train().features().div(16), s.train().labels(), 2, seed, quick ? 150 : 300);
        return new SurrogateProblem(net, s.train().features().div(16), s.train().labels(), s.test().features().div(16), s.test().labels(), 2,
                pair.contentHash());
    }
}
