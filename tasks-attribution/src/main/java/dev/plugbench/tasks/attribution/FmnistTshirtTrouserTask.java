package dev.plugbench.tasks.attribution;

import dev.plugbench.toolkit.data.Dataset;
import dev.plugbench.toolkit.data.FashionMnist;
import dev.plugbench.toolkit.data.Split;
import dev.plugbench.toolkit.nn.Network;
import java.util.Optional;

/**
 * The paper's own small setting: Fashion-MNIST T-shirt (0) vs Trouser (1), pixels / 255; MLP
 * 784-100-100-1 (Adam, 300 steps). Full: 1000 + 1000 training and 500 + 500 test images; quick:
 * 200 + 200 and 100 + 100. Runs only where the Debian package dataset-fashion-mnist is installed.
 */
public final class FmnistTshirtTrouserTask extends FaithfulnessTask {
    @Override
    public String name() {
        return "fmnist-tshirt-trouser";
    }

    @Override
    public String description() {
        return "Fashion-MNIST T-shirt vs Trouser (the paper's setting, at small scale), MLP 784-100-100-1; kGLM on each kernel vs the network.";
    }

    @Override
    public Optional<String> unavailable() {
        return FashionMnist.installedDir().isPresent() ? Optional.empty() : Optional.of("Fashion-MNIST is not installed: " + FashionMnist.HOW_TO_INSTALL);
    }

    @Override
    SurrogateProblem prepare(long seed, boolean quick, Trainer.Recipe recipe) {
        var dir = FashionMnist.installedDir().orElseThrow(() -> new IllegalStateException(FashionMnist.HOW_TO_INSTALL));
        int perClassTrain = quick ? 200 : 1000;
        int perClassTest = quick ? 100 : 500;
        Dataset train = Split.balancedSample(FashionMnist.train(dir).selectClasses(0, 1), perClassTrain, seed);
        Dataset test = Split.balancedSample(FashionMnist.test(dir).selectClasses(0, 1), perClassTest, seed + 1);
        Network net = Trainer.train(recipe, train.features().div(255), train.labels(), 2, seed, quick ? 150 : 300);
        return new SurrogateProblem(net, train.features().div(255), train.labels(), test.features().div(255), test.labels(), 2,
                train.contentHash());
    }
}
