package dev.plugbench.harness.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The statistics against scipy 1.10 on stored cases (harness/src/test/python/make_statistics_reference.py
 * writes them): wilcoxon, ttest_rel with its t interval, friedmanchisquare with the average ranks,
 * and Nemenyi's q from studentized_range.
 */
class StatisticsTest {
    private static JsonNode cases;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = StatisticsTest.class.getResourceAsStream("/statistics-reference.json")) {
            cases = new ObjectMapper().readTree(in).get("cases");
        }
    }

    private static double[] array(JsonNode n) {
        double[] out = new double[n.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = n.get(i).asDouble();
        }
        return out;
    }

    private static double[] difference(JsonNode c) {
        double[] a = array(c.get("a"));
        double[] b = array(c.get("b"));
        double[] d = new double[a.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = b[i] - a[i];
        }
        return d;
    }

    @Test
    void exactWilcoxonEqualsScipy() {
        assertThat(cases.get("wilcoxon")).hasSizeGreaterThanOrEqualTo(10);
        for (JsonNode c : cases.get("wilcoxon")) {
            SignedRankTest.Result r = SignedRankTest.test(difference(c));
            assertThat(r.statistic()).isEqualTo(c.get("statistic").asDouble());
            assertThat(r.pValue()).isCloseTo(c.get("pvalue").asDouble(), within(1e-12));
        }
    }

    @Test
    void tiesAndZerosUseTheExactSignFlipDistribution() {
        for (JsonNode c : cases.get("wilcoxon_ties")) {
            SignedRankTest.Result r = SignedRankTest.test(array(c.get("d")));
            assertThat(r.statistic()).isEqualTo(c.get("statistic").asDouble());
            assertThat(r.pValue()).isCloseTo(c.get("pvalue").asDouble(), within(1e-12));
        }
        assertThat(SignedRankTest.test(new double[] {0, 0, 0}).pValue()).isEqualTo(1.0);
    }

    @Test
    void wilcoxonNeedsSixPairsForFivePercent() {
        assertThat(PairedTest.WILCOXON.minimumPairs(0.05)).isEqualTo(6);
        assertThat(SignedRankTest.test(new double[] {1, 2, 3, 4, 5}).pValue()).isEqualTo(0.0625);
        assertThat(SignedRankTest.test(new double[] {1, 2, 3, 4, 5, 6}).pValue()).isEqualTo(0.03125);
        assertThat(PairedTest.T.minimumPairs(0.05)).isEqualTo(2);
    }

    @Test
    void largeSamplesUseTheNormalApproximation() {
        double[] d = new double[60];
        for (int i = 0; i < d.length; i++) {
            d[i] = (i % 3 == 0 ? -1 : 1) * (i + 1);
        }
        // scipy.stats.wilcoxon(d, method="approx"): statistic 590.0, p 0.016733071607703435 (n = 60 > the exact limit)
        SignedRankTest.Result r = SignedRankTest.test(d);
        assertThat(r.statistic()).isEqualTo(590.0);
        assertThat(r.pValue()).isCloseTo(0.016733071607703435, within(1e-9));
    }

    @Test
    void pairedTEqualsScipy() {
        for (JsonNode c : cases.get("ttest_rel")) {
            PairedTTest.Result r = PairedTTest.test(difference(c), 0.95);
            assertThat(r.statistic()).isCloseTo(c.get("statistic").asDouble(), within(1e-9));
            assertThat(r.pValue()).isCloseTo(c.get("pvalue").asDouble(), within(1e-9));
            assertThat(r.mean()).isCloseTo(c.get("mean").asDouble(), within(1e-12));
            assertThat(r.low()).isCloseTo(c.get("ci_low").asDouble(), within(1e-9));
            assertThat(r.high()).isCloseTo(c.get("ci_high").asDouble(), within(1e-9));
        }
        assertThat(PairedTTest.test(new double[] {0.5, 0.5, 0.5}, 0.95).pValue()).isZero();
        assertThat(PairedTTest.test(new double[] {0, 0, 0}, 0.95).pValue()).isEqualTo(1.0);
        assertThatThrownBy(() -> PairedTTest.test(new double[] {1}, 0.95)).hasMessageContaining("at least 2 pairs");
    }

    @Test
    void friedmanEqualsScipy() {
        for (JsonNode c : cases.get("friedman")) {
            JsonNode blocks = c.get("blocks");
            double[][] x = new double[blocks.size()][];
            for (int i = 0; i < x.length; i++) {
                x[i] = array(blocks.get(i));
            }
            Friedman.Result r = Friedman.test(x);
            assertThat(r.statistic()).isCloseTo(c.get("statistic").asDouble(), within(1e-9));
            assertThat(r.pValue()).isCloseTo(c.get("pvalue").asDouble(), within(1e-9));
            assertThat(r.averageRanks()).containsExactly(array(c.get("average_ranks")), within(1e-12));
        }
        assertThatThrownBy(() -> Friedman.test(new double[][] {{1, 2}, {2, 1}})).hasMessageContaining("at least 3 methods");
    }

    @Test
    void nemenyiQEqualsScipysStudentizedRange() {
        for (JsonNode c : cases.get("nemenyi_q")) {
            assertThat(Nemenyi.q(c.get("k").asInt(), c.get("alpha").asDouble())).as("k = %s", c.get("k"))
                    .isCloseTo(c.get("q").asDouble(), within(1e-6));
        }
        // Demšar 2006, table 5(a): q_0.05 for k = 4 is 2.569; CD for 4 methods on 14 data sets 1.25
        assertThat(Nemenyi.criticalDifference(4, 14, 0.05)).isCloseTo(1.2536, within(1e-3));
    }

    @Test
    void holmStepsDown() {
        // statsmodels multipletests([0.01, 0.04, 0.03, 0.005], method="holm"): [0.03, 0.06, 0.06, 0.02]
        assertThat(Holm.adjust(new double[] {0.01, 0.04, 0.03, 0.005})).containsExactly(new double[] {0.03, 0.06, 0.06, 0.02}, within(1e-15));
        assertThat(Holm.adjust(new double[] {0.5, 0.9})).containsExactly(1.0, 1.0);
    }
}
