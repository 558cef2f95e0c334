package dev.plugbench.cli;

import dev.plugbench.harness.StatisticsOptions;
import dev.plugbench.harness.stats.PairedTest;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --test} and {@code --alpha}: how tables and comparisons test differences over seeds. */
final class StatisticsOption {
    @Option(names = "--test", paramLabel = "wilcoxon|t", defaultValue = "wilcoxon",
            description = "the paired test over seeds: wilcoxon (exact signed-rank, default; needs >= 6 seeds for p < 0.05) or t (paired t-test)")
    private String test;

    @Option(names = "--alpha", paramLabel = "A", defaultValue = "0.05", description = "significance level after Holm's correction (default ${DEFAULT-VALUE})")
    private double alpha;

    StatisticsOptions options() {
        try {
            return new StatisticsOptions(PairedTest.parse(test), alpha, Optional.empty());
        } catch (IllegalArgumentException e) {
            throw new Main.UserError(e.getMessage(), "for example --test wilcoxon --alpha 0.05");
        }
    }
}
