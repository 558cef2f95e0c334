package dev.plugbench.host.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugbench.api.MetricSpec;
import dev.plugbench.api.bench.CellResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The printed tables: the plugin version of each method, and the metrics methods declare as their own columns. */
class ReportTest {
    @Test
    void declaredMethodMetricsAreTheMethodsColumnsAndEachRowShowsItsVersion() {
        List<CellResult> rows = List.of(
                new CellResult("stable-rank", Map.of(), "default", 0, Map.of("test_mse", 0.5, "stable_rank", 3.0), 1, null),
                new CellResult("stable-rank", Map.of(), "default", 1, Map.of("test_mse", 0.7, "stable_rank", 5.0), 1, null),
                new CellResult("frobenius", Map.of(), "default", 0, Map.of("test_mse", 0.4, "frobenius", 9.0), 1, null),
                new CellResult("frobenius", Map.of(), "default", 1, Map.of("test_mse", 0.4, "frobenius", 9.0), 1, null));
        List<MetricSpec> task = List.of(MetricSpec.lower("test_mse", "test error"));
        Map<String, Object> provenance = Map.of("plugins", List.of(Map.of("method", "stable-rank", "version", "2.0.0"),
                Map.of("method", "frobenius", "version", "1.0.0")));
        TaskResult r = new TaskResult("spectral", "t", true, List.of(0L, 1L), provenance, rows, Summaries.of(rows, task), Path.of("."),
                Map.of("stable-rank", List.of(MetricSpec.higher("stable_rank", "||W||_F^2 / ||W||_2^2")), "frobenius", List.of()));
        String table = Report.tables(r, task);
        assertThat(table).contains("| method | version | params | test_mse | stable-rank: stable_rank | failed |");
        assertThat(table).contains("| stable-rank | 2.0.0 | - | 0.6000 ± 0.1000 | 4.000 ± 1.000 | 0 |");
        // frobenius's own value is not declared, so it is no column; its row has no stable_rank
        assertThat(table).contains("| frobenius | 1.0.0 | - | **0.4000 ± 0** | - | 0 |").doesNotContain("frobenius: frobenius");
    }
}
