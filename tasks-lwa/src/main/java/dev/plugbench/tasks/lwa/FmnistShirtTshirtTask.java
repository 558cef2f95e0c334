package dev.plugbench.tasks.lwa;

import dev.plugbench.toolkit.data.Dataset;
import dev.plugbench.toolkit.data.FashionMnist;
import dev.plugbench.toolkit.data.Split;
import dev.plugbench.toolkit.nn.Network;
import java.util.Map;
import java.util.Optional;

/**
 * The notes' regime at small scale (section 1.7): Fashion-MNIST T-shirt/top (class 0 -> 0) vs
 * Shirt (class 6 -> 1), raw pixels / 255. Full: 2000 + 2000 training images from the training
 * file and 1000 + 1000 test images from the test file; quick: 300 + 300 and 200 + 200; a fresh
 * draw per seed. Client: logistic regression on the raw pixels stopped at 80% training accuracy
 * (or after 5000 steps). Every method's networks get 64 hidden units and 1500 steps here (quick:
 * 200), so that the expert can be clearly better than the client, the paper's regime. c_1 = 1;
 * c_e in {0, 0.02, 0.05, 0.1} (quick: 0.02, 0.05). Runs only where the Debian package
 * dataset-fashion-mnist is installed.
 */
public final class FmnistShirtTshirtTask extends LwaTask {
    @Override
    public String name() {
        return "fmnist-shirt-tshirt";
    }

    @Override
    public String description() {
        return "Fashion-MNIST Shirt vs T-shirt/top; client = logistic regression on raw pixels (stopped at 80% training accuracy).";
    }

    @Override
    public Optional<String> unavailable() {
        return FashionMnist.installedDir().isPresent() ? Optional.empty()
                : Optional.of("Fashion-MNIST is not installed: " + FashionMnist.HOW_TO_INSTALL);
    }

    @Override
    Map<String, Object> budget(boolean quick) {
        return Map.of("hidden", 64, "steps", quick ? QUICK_STEPS : 1500);
    }

    @Override
    int classes() {
        return 2;
    }

    @Override
    double[] offloadCosts(boolean quick) {
        return quick ? new double[] {0.02, 0.05} : new double[] {0, 0.02, 0.05, 0.1};
    }

    @Override
    LwaData build(long seed, boolean quick) {
        var dir = FashionMnist.installedDir().orElseThrow(() -> new IllegalStateException(FashionMnist.HOW_TO_INSTALL));
        int perClassTrain = quick ? 300 : 2000;
        int perClassTest = quick ? 200 : 1000;
        Dataset train = Split.balancedSample(FashionMnist.train(dir).selectClasses(0, 6), perClassTrain, seed);
        Dataset test = Split.balancedSample(FashionMnist.test(dir).selectClasses(0, 6), perClassTest, seed + 1);
        var trainX = train.features().div(255);
        Network client = Clients.logisticRegression(trainX, train.labels(), 2, 0.80, 5000, 0.5, seed);
        return LwaData.of(trainX, train.labels(), test.features().div(255), test.labels(), client, 2, null, train.contentHash());
    }
}
