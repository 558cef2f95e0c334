package dev.plugbench.harness;

import dev.plugbench.harness.stats.PairedTest;
import java.util.Objects;
import java.util.Optional;

/**
 * How reports and comparisons test differences between methods.
 *
 * @param test      the paired test over seeds (exact Wilcoxon signed-rank by default; see {@link PairedTest} for why)
 * @param alpha     the level: a Holm-corrected p-value below it is significant
 * @param reference a method id to compare every other method against, or empty: the best one of each setting and metric
 */
public record StatisticsOptions(PairedTest test, double alpha, Optional<String> reference) {
    /** Exact Wilcoxon, alpha 0.05, each method against the best. */
    public static final StatisticsOptions DEFAULT = new StatisticsOptions(PairedTest.WILCOXON, 0.05, Optional.empty());

    public StatisticsOptions {
        Objects.requireNonNull(test, "test is null");
        Objects.requireNonNull(reference, "reference is null");
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha = " + alpha + ": give a level between 0 and 1 (0.05)");
        }
    }

    /** These options, testing every method against {@code method} (null: against the best of each setting and metric). */
    public StatisticsOptions withReference(String method) {
        return new StatisticsOptions(test, alpha, Optional.ofNullable(method));
    }
}
