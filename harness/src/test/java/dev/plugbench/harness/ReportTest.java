package dev.plugbench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugbench.api.MetricSpec;
import dev.plugbench.api.bench.CellResult;
import dev.plugbench.harness.stats.PairedTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The printed tables: versions, the metrics methods declare as their own columns, the number format,
 * and the marks of the paired tests (bold only when significant, ≈ within noise, none for
 * descriptive metrics or too few seeds).
 */
class ReportTest {
    private static TaskResult result(List<CellResult> rows, List<MetricSpec> task, Map<String, List<MetricSpec>> own) {
        Map<String, Object> provenance = Map.of("plugins", List.of(Map.of("method", "stable-rank", "version", "2.0.0"),
                Map.of("method", "frobenius", "version", "1.0.0")));
        long seeds = rows.stream().mapToLong(CellResult::seed).max().orElse(0) + 1;
        return new TaskResult("spectral", "t", true, java.util.stream.LongStream.range(0, seeds).boxed().toList(), provenance, rows,
                Summaries.of(rows, task), Path.of("."), own, task, "a test task");
    }

    @Test
    void declaredMethodMetricsAreTheMethodsColumnsAndEachRowShowsItsVersion() {
        List<CellResult> rows = List.of(
                new CellResult("stable-rank", Map.of(), "default", 0, Map.of("test_mse", 0.5, "stable_rank", 3.0), 1, null),
                new CellResult("stable-rank", Map.of(), "default", 1, Map.of("test_mse", 0.7, "stable_rank", 5.0), 1, null),
                new CellResult("frobenius", Map.of(), "default", 0, Map.of("test_mse", 0.4, "frobenius", 9.0), 1, null),
                new CellResult("frobenius", Map.of(), "default", 1, Map.of("test_mse", 0.4, "frobenius", 9.0), 1, null));
        List<MetricSpec> task = List.of(MetricSpec.lower("test_mse", "test error"));
        TaskResult r = result(rows, task, Map.of("stable-rank", List.of(MetricSpec.higher("stable_rank", "||W||_F^2 / ||W||_2^2")), "frobenius", List.of()));
        String table = Report.tables(r, StatisticsOptions.DEFAULT);
        assertThat(table).contains("| method | version | params | test_mse | stable-rank: stable_rank | failed |");
        assertThat(table).contains("| stable-rank | 2.0.0 | - | 0.60 ± 0.10 | 4.0 ± 1.0 | 0 |");
        // frobenius's own value is not declared, so it is no column; its row has no stable_rank. With 2 seeds nothing is bold.
        assertThat(table).contains("| frobenius | 1.0.0 | - | 0.4000 ± 0 | - | 0 |").doesNotContain("frobenius: frobenius").doesNotContain("**");
        assertThat(table).contains("No value is bold. With 2 paired seeds no difference can reach p < 0.05 under the exact Wilcoxon signed-rank test "
                + "after Holm's correction over the rows compared (it needs at least 6 paired seeds)");
    }

    /** Ten seeds: a clearly better method, one within noise of the best, one worse; a descriptive metric. */
    private static List<CellResult> tenSeeds() {
        List<CellResult> rows = new ArrayList<>();
        for (int s = 0; s < 10; s++) {
            double noise = ((s * 7919) % 13 - 6) / 600.0;
            rows.add(new CellResult("best", Map.of(), "default", s, Map.of("acc", 0.90 + noise, "tad", 0.001 * (s % 3 - 1), "reject_rate", 0.2), 1, null));
            rows.add(new CellResult("close", Map.of(), "default", s, Map.of("acc", 0.90 + noise + (s % 2 == 0 ? 0.004 : -0.005), "tad", -0.05,
                    "reject_rate", 0.1), 1, null));
            rows.add(new CellResult("worse", Map.of(), "default", s, Map.of("acc", 0.80 + noise, "tad", 0.02 + 0.001 * s, "reject_rate", 0.05), 1, null));
        }
        return rows;
    }

    private static final List<MetricSpec> METRICS = List.of(MetricSpec.higher("acc", "accuracy"), MetricSpec.closestTo("tad", 0, "differential"),
            MetricSpec.descriptive("reject_rate", "operating point"));

    @Test
    void boldOnlyWhereSignificantAndWithinNoiseMarked() {
        TaskResult r = result(tenSeeds(), METRICS, Map.of());
        String table = Report.tables(r, StatisticsOptions.DEFAULT);
        // acc: best and close are within noise of each other (both ≈, neither bold); worse is significantly worse (unmarked)
        assertThat(table).contains("| best | - | - | 0.8985 ± 0.0021 ≈ |").contains("| close | - | - | 0.8980 ± 0.0027 ≈ |")
                .contains("| worse | - | - | 0.7985 ± 0.0021 |");
        // tad is closest to 0 is best: best's |tad| is about 0.0007, far below the others'; it wins both tests, bold
        assertThat(table).contains("| **-0.00010 ± 0.00028** |");
        // the descriptive reject rate carries no mark, although 0.05 is the lowest
        assertThat(table).contains("| 0.05000 ± 0 | 0 |").contains("| 0.2000 ± 0 | 0 |");
        assertThat(table).contains("**bold**: the best, significantly better than every other row");
    }

    @Test
    void pairedSectionGivesDifferencesIntervalsAndVerdicts() throws Exception {
        TaskResult r = result(tenSeeds(), METRICS, Map.of());
        String md = Report.markdown(r, List.of(), Comparisons.of(r, r.metrics(), StatisticsOptions.DEFAULT), StatisticsOptions.DEFAULT);
        assertThat(md).contains("`tad` (closest to 0 is best)").contains("`reject_rate` (descriptive, no best)");
        assertThat(md).contains("| default | acc | best | close | 10 | -5.000e-04 [-0.003893, 0.002893] | 0.219 | within noise |");
        assertThat(md).contains("| default | acc | best | worse | 10 | -0.1000 [-0.1000, -0.1000] | 0.004 | worse |");
        assertThat(md).contains("| default | tad | best | close | 10 | 0.04930 [0.04895, 0.04965] | 0.004 | worse |");
        assertThat(md).doesNotContain("| default | reject_rate");
    }

    @Test
    void aChosenReferenceMarksSignificantImprovementsOverIt() {
        TaskResult r = result(tenSeeds(), METRICS, Map.of());
        String table = Report.tables(r, StatisticsOptions.DEFAULT.withReference("worse"));
        assertThat(table).contains("| worse | - | - | 0.7985 ± 0.0021 (ref) |").contains("| **0.8985 ± 0.0021** |").contains("| **0.8980 ± 0.0027** |");
        assertThat(table).contains("significantly better than `worse` (ref)");
    }

    @Test
    void holmsCorrectionRaisesTheSeedsNeeded() {
        // six seeds, but two rows to correct for: the smallest exact p (1/32) times 2 is above 0.05, so 7 seeds are needed
        List<CellResult> rows = tenSeeds().stream().filter(c -> c.seed() < 6).toList();
        String table = Report.tables(result(rows, METRICS, Map.of()), StatisticsOptions.DEFAULT);
        assertThat(table).contains("No value is bold. With 6 paired seeds").contains("(it needs at least 7 paired seeds)").doesNotContain("≈");
    }

    @Test
    void theTTestCanMarkWithThreeSeeds() {
        List<CellResult> rows = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            rows.add(new CellResult("a", Map.of(), "default", s, Map.of("acc", 0.9 + 0.01 * s), 1, null));
            rows.add(new CellResult("b", Map.of(), "default", s, Map.of("acc", 0.5 + 0.01 * s + 0.001 * (s % 2)), 1, null));
        }
        TaskResult r = result(rows, List.of(MetricSpec.higher("acc", "accuracy")), Map.of());
        assertThat(Report.tables(r, StatisticsOptions.DEFAULT)).doesNotContain("**");
        assertThat(Report.tables(r, new StatisticsOptions(PairedTest.T, 0.05, Optional.empty()))).contains("| a | - | - | **0.9100 ± 0.0058** |");
    }

    @Test
    void numbersHaveConsistentDigits() {
        assertThat(Numbers.meanStderr(-0.005025, 5.55e-17)).isEqualTo("-0.005025 ± 0");
        assertThat(Numbers.meanStderr(0.9305, 0.007759)).isEqualTo("0.9305 ± 0.0078");
        assertThat(Numbers.meanStderr(0.04714, 0.02513)).isEqualTo("0.047 ± 0.025");
        assertThat(Numbers.meanStderr(12.3456, 0.0996)).isEqualTo("12.35 ± 0.10");
        assertThat(Numbers.meanStderr(1234.5, 123.4)).isEqualTo("1235 ± 123");
        assertThat(Numbers.value(1.0)).isEqualTo("1.000");
        assertThat(Numbers.p(0.00012)).isEqualTo("1.2e-04");
    }
}
