package dev.plugbench.toolkit.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded mini-batches of row indices: epoch e of seed s is always the same shuffle. */
public final class MiniBatches {
    private MiniBatches() {
    }

    /**
     * The batches of one epoch: a permutation of 0..n-1 drawn from (seed, epoch), cut into batches
     * of {@code batchSize} (the last may be smaller).
     */
    public static List<int[]> epoch(int n, int batchSize, long seed, int epoch) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize = " + batchSize + ": it must be at least 1");
        }
        int[] order = Shuffle.permutation(n, new SplittableRandom(seed * 1_000_003L + epoch));
        List<int[]> batches = new ArrayList<>();
        for (int start = 0; start < n; start += batchSize) {
            batches.add(Arrays.copyOfRange(order, start, Math.min(n, start + batchSize)));
        }
        return batches;
    }
}
