package dev.plugbench.tasks.latent;

import dev.plugbench.toolkit.data.FashionMnist;
import dev.plugbench.toolkit.data.Split;
import java.util.Optional;

/**
 * Fashion-MNIST 28x28, pixels / 255: 10,000 training images (a stratified draw per seed from the
 * training file) and 2,000 test images (quick: 1,000 and 300). An MLP autoencoder, not a
 * convolutional one: 784-512 to S = 49 latent vectors of width C = 8 (the notes' 7x7x8 grid
 * size), decoder 392-512-784 with a sigmoid; the toolkit has convolutions but no transposed
 * convolution for a mirrored decoder. K = 64. 1500 Adam steps of 64 images (quick: 100).
 */
public final class FmnistLatentTask extends LatentTask {
    @Override
    public String name() {
        return "fmnist";
    }

    @Override
    public String description() {
        return "Fashion-MNIST 28x28, MLP autoencoder 784-512-(49x8) with K = 64; only the quantizer differs between methods.";
    }

    @Override
    public Optional<String> unavailable() {
        return FashionMnist.installedDir().isPresent() ? Optional.empty()
                : Optional.of("Fashion-MNIST is not installed: " + FashionMnist.HOW_TO_INSTALL);
    }

    @Override
    Images load(long seed, boolean quick) {
        var dir = FashionMnist.installedDir().orElseThrow(() -> new IllegalStateException(FashionMnist.HOW_TO_INSTALL));
        var train = FashionMnist.train(dir);
        var test = FashionMnist.test(dir);
        var trainPart = Split.sample(train, (quick ? 1000.0 : 10000.0) / train.size(), seed);
        var testPart = Split.sample(test, (quick ? 300.0 : 2000.0) / test.size(), seed + 1);
        return new Images(trainPart.features().div(255), testPart.features().div(255), 28, 28, trainPart.contentHash());
    }

    @Override
    int sites() {
        return 49;
    }

    @Override
    int latentWidth() {
        return 8;
    }

    @Override
    int codebookSize() {
        return 64;
    }

    @Override
    int hidden() {
        return 512;
    }

    @Override
    int steps(boolean quick) {
        return quick ? 100 : 1500;
    }
}
