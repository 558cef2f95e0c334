package dev.plugbench.harness.stats;

/**
 * The test behind every "better / worse / within noise" verdict, over paired seeds. The default is
 * the exact Wilcoxon signed-rank test: seed-to-seed differences of a benchmark metric are few,
 * often skewed and bounded (accuracies near 1, ties from identical runs), which a t-test's normality
 * assumption does not fit, and the exact test holds its level at any n. Its price: with n pairs its
 * smallest p-value is 2 / 2^n, so it needs at least 6 pairs to reach p < 0.05. The paired t-test
 * can reach significance from 2 pairs when differences are consistent, if they are roughly normal.
 */
public enum PairedTest {
    /** Exact Wilcoxon signed-rank ({@link SignedRankTest}). */
    WILCOXON("exact Wilcoxon signed-rank test"),
    /** Paired t-test ({@link PairedTTest}). */
    T("paired t-test");

    private final String label;

    PairedTest(String label) {
        this.label = label;
    }

    /** "exact Wilcoxon signed-rank test" or "paired t-test", for reports. */
    public String label() {
        return label;
    }

    /** The smallest number of pairs at which this test can give p < alpha. */
    public int minimumPairs(double alpha) {
        if (this == T) {
            return 2;
        }
        int n = 1;
        while (2 / Math.pow(2, n) >= alpha) {
            n++;
        }
        return n;
    }

    /** The two-sided p-value of the differences; 1 when there are fewer than 2. */
    public double pValue(double[] d) {
        if (d.length < 2) {
            return 1;
        }
        return this == WILCOXON ? SignedRankTest.test(d).pValue() : PairedTTest.test(d, 0.95).pValue();
    }

    /** "wilcoxon" or "t", and back: the command-line spelling. */
    public static PairedTest parse(String s) {
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "wilcoxon" -> WILCOXON;
            case "t", "ttest", "t-test" -> T;
            default -> throw new IllegalArgumentException("unknown test '" + s + "': use 'wilcoxon' (exact signed-rank, the default) or 't' (paired t-test)");
        };
    }
}
