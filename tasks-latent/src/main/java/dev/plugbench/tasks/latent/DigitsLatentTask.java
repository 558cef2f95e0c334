package dev.plugbench.tasks.latent;

import dev.plugbench.toolkit.data.Digits;
import dev.plugbench.toolkit.data.Split;

/**
 * The notes' cheapest variant (section 2.4): UCI digits 8x8, pixels / 16, a stratified 80/20 split
 * per seed; MLP encoder 64-128 to S = 16 latent vectors of width C = 4, mirrored decoder
 * 64-128-64 with a sigmoid; K = 64 codes or atoms. 3000 Adam steps of 64 images (quick: 200).
 */
public final class DigitsLatentTask extends LatentTask {
    @Override
    public String name() {
        return "digits";
    }

    @Override
    public String description() {
        return "UCI digits 8x8, MLP autoencoder 64-128-(16x4) with K = 64; only the quantizer differs between methods.";
    }

    @Override
    Images load(long seed, boolean quick) {
        var data = Digits.load();
        Split s = Split.stratified(data, 0.2, seed);
        return new Images(s.train().features().div(16), s.test().features().div(16), 8, 8, data.contentHash());
    }

    @Override
    int sites() {
        return 16;
    }

    @Override
    int latentWidth() {
        return 4;
    }

    @Override
    int codebookSize() {
        return 64;
    }

    @Override
    int hidden() {
        return 128;
    }

    @Override
    int steps(boolean quick) {
        return quick ? 200 : 3000;
    }
}
