package dev.plugbench.toolkit.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A train/test split.
 *
 * @param train the training part
 * @param test  the test part
 */
public record Split(Dataset train, Dataset test) {
    public Split {
        Objects.requireNonNull(train, "train is null");
        Objects.requireNonNull(test, "test is null");
    }

    /**
     * About {@code perClass} examples of each class (balanced by the first class's count), drawn by a
     * seeded stratified split: the test part of {@link #stratified} with the matching fraction.
     */
    public static Dataset balancedSample(Dataset data, int perClass, long seed) {
        double fraction = (double) perClass / data.classCounts()[0];
        return sample(data, Math.min(0.999, fraction), seed);
    }

    /**
     * The test part of {@link #stratified} with the same arguments (the same rows, in the same
     * order), without building the training part: a sample of a large dataset (1,000 of
     * Fashion-MNIST's 60,000 images) no longer copies the other 59,000.
     */
    public static Dataset sample(Dataset data, double fraction, long seed) {
        return data.subset(indices(data, fraction, seed)[1]);
    }

    /**
     * A stratified split: each class contributes round(testFraction x its count) examples to the
     * test part (at least one when the class has two or more), chosen by a seeded shuffle.
     */
    public static Split stratified(Dataset data, double testFraction, long seed) {
        int[][] parts = indices(data, testFraction, seed);
        return new Split(data.subset(parts[0]), data.subset(parts[1]));
    }

    /** The rows of {@link #stratified}'s two parts, each sorted: {train, test}. */
    private static int[][] indices(Dataset data, double testFraction, long seed) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("testFraction = " + testFraction + ": it must be in (0, 1)");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        int[] labels = data.labels();
        for (int c = 0; c < data.numClasses(); c++) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == c) {
                    members.add(i);
                }
            }
            int[] shuffled = Shuffle.permutation(members.size(), rng);
            int nTest = (int) Math.round(testFraction * members.size());
            if (members.size() >= 2) {
                nTest = Math.max(1, Math.min(members.size() - 1, nTest));
            }
            for (int k = 0; k < shuffled.length; k++) {
                (k < nTest ? test : train).add(members.get(shuffled[k]));
            }
        }
        int[] trainIdx = train.stream().sorted().mapToInt(Integer::intValue).toArray();
        int[] testIdx = test.stream().sorted().mapToInt(Integer::intValue).toArray();
        return new int[][] {trainIdx, testIdx};
    }
}
