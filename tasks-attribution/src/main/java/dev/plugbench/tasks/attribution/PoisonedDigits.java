package dev.plugbench.tasks.attribution;

import dev.plugbench.toolkit.data.Dataset;
import dev.plugbench.toolkit.data.Digits;
import dev.plugbench.toolkit.data.Split;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The BadNets-style poisoning of the digits: a 2 x 2 trigger at full intensity in the bottom-right
 * corner is stamped on 10% of the training images of the source class (1), which are relabelled
 * to the target class (7). Triggered test points are the source-class test images with the trigger.
 *
 * @param train        the poisoned training set, pixels / 16
 * @param trainLabels  its labels (poisoned points carry the target label)
 * @param poisoned     which training points are poisoned
 * @param cleanTest    clean test images
 * @param cleanLabels  their labels
 * @param triggered    triggered source-class test images
 * @param hash         content hash of the poisoned training data
 */
record PoisonedDigits(INDArray train, int[] trainLabels, boolean[] poisoned, INDArray cleanTest, int[] cleanLabels, INDArray triggered,
                      String hash) {
    static final int SOURCE = 1;
    static final int TARGET = 7;
    static final double FRACTION = 0.1;

    /** Full: a stratified 70/30 split of the digits (1258 training points); quick: 35/65 (629). */
    static PoisonedDigits of(long seed, boolean quick) {
        Split s = Split.stratified(Digits.load(), quick ? 0.65 : 0.3, seed);
        INDArray x = s.train().features().div(16);
        int[] labels = s.train().labels();
        boolean[] poisoned = new boolean[labels.length];
        SplittableRandom rng = new SplittableRandom(seed * 31 + 7);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == SOURCE && rng.nextDouble() < FRACTION) {
                stamp(x, i);
                labels[i] = TARGET;
                poisoned[i] = true;
            }
        }
        Dataset test = s.test();
        INDArray clean = test.features().div(16);
        int[] sourceRows = java.util.stream.IntStream.range(0, test.size()).filter(i -> test.label(i) == SOURCE).toArray();
        INDArray triggered = clean.getRows(sourceRows).dup();
        for (int i = 0; i < triggered.rows(); i++) {
            stamp(triggered, i);
        }
        Dataset poisonedTrain = Dataset.classification("uci-digits-poisoned", x, labels, Digits.load().classNames());
        return new PoisonedDigits(x, labels, poisoned, clean, test.labels(), triggered, poisonedTrain.contentHash());
    }

    /** Pixels (6,6), (6,7), (7,6), (7,7) of an 8 x 8 image at full intensity. */
    static void stamp(INDArray images, int row) {
        for (int p : new int[] {54, 55, 62, 63}) {
            images.putScalar(row, p, 1.0);
        }
    }

    int poisonedCount() {
        int c = 0;
        for (boolean b : poisoned) {
            c += b ? 1 : 0;
        }
        return c;
    }
}
