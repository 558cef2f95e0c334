package dev.plugbench.tasks.latent;

import dev.plugbench.toolkit.data.Dataset;
import dev.plugbench.toolkit.data.Split;

/**
 * The latent-quantizer task on a user's own images ({@code bench latent --data FILE}): square
 * images (width a square number, at least 7 x 7 for the SSIM window), pixels scaled to [0, 1] by
 * the largest value, a stratified 80/20 split, and the digits task's autoencoder (16 sites of
 * width 4, K = 64).
 */
public final class UserImagesTask extends LatentTask {
    private final Dataset data;
    private final int side;
    private final String name;

    /** The task on {@code data}, named {@code name}. */
    public UserImagesTask(Dataset data, String name) {
        int side = (int) Math.round(Math.sqrt(data.width()));
        if (side * side != data.width() || side < 7) {
            throw new IllegalArgumentException(data.name() + " has " + data.width() + " features per row: the latent family needs square images "
                    + "of at least 7 x 7 pixels (49, 64, 784, ... features), row by row");
        }
        if (data.features().minNumber().doubleValue() < 0) {
            throw new IllegalArgumentException(data.name() + " has negative pixel values (min " + data.features().minNumber()
                    + "): give pixel intensities 0 or more (they are scaled to [0, 1] by the largest)");
        }
        this.data = data;
        this.side = side;
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return "Your images " + data.name() + " (" + data.size() + " images, " + side + "x" + side + "), MLP autoencoder " + data.width()
                + "-" + hidden() + "-(" + sites() + "x" + latentWidth() + ") with K = " + codebookSize() + "; only the quantizer differs between methods.";
    }

    @Override
    Images load(long seed, boolean quick) {
        double max = data.features().maxNumber().doubleValue();
        Split s = Split.stratified(data, 0.2, seed);
        return new Images(s.train().features().div(max > 0 ? max : 1), s.test().features().div(max > 0 ? max : 1), side, side, data.contentHash());
    }

    /** The digits task's autoencoder: its sites, widths, codebook and budget. */
    private static final DigitsLatentTask ARCHITECTURE = new DigitsLatentTask();

    @Override
    int sites() {
        return ARCHITECTURE.sites();
    }

    @Override
    int latentWidth() {
        return ARCHITECTURE.latentWidth();
    }

    @Override
    int codebookSize() {
        return ARCHITECTURE.codebookSize();
    }

    @Override
    int hidden() {
        return ARCHITECTURE.hidden();
    }

    @Override
    int steps(boolean quick) {
        return ARCHITECTURE.steps(quick);
    }
}
