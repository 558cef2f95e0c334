package dev.plugbench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugbench.api.bench.CellResult;
import dev.plugbench.api.bench.Scale;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cells go to executors longest first where earlier runs in the folder timed their group; untimed groups first, in plan order. */
class CellOrderTest {
    @TempDir
    Path tmp;

    private static CellDescription cell(String method, int k, long seed) {
        return new CellDescription("latent", "digits", Scale.FULL, method, Map.of("K", k), "default", seed,
                new CellDescription.Producer("p", "1.0.0", "00", "t", "d"));
    }

    @Test
    void timedGroupsRunLongestFirstAfterTheUntimedOnes() throws IOException {
        CellStore store = new CellStore(tmp.resolve("cells"));
        // an earlier run with 1 seed: vq K=64 took 2 s, dictionary K=64 20 s (and 22 s), K=16's dictionary failed (not timed)
        store.save(cell("vq", 64, 0), new CellResult("vq", Map.of("K", 64), "default", 0, Map.of("mse", 1.0), 2.0, null));
        store.save(cell("dictionary", 64, 0), new CellResult("dictionary", Map.of("K", 64), "default", 0, Map.of("mse", 1.0), 20.0, null));
        store.save(cell("dictionary", 64, 1), new CellResult("dictionary", Map.of("K", 64), "default", 1, Map.of("mse", 1.0), 22.0, null));
        store.save(cell("dictionary", 16, 0), new CellResult("dictionary", Map.of("K", 16), "default", 0, Map.of(), 1.0, "boom"));
        Map<String, Double> seconds = store.secondsByGroup();
        assertThat(seconds).containsEntry(CellOrder.group(cell("dictionary", 64, 5)), 21.0).containsEntry(CellOrder.group(cell("vq", 64, 9)), 2.0)
                .hasSize(2);
        List<CellDescription> cells = List.of(cell("vq", 64, 2), cell("vq", 64, 3), cell("dictionary", 16, 2), cell("dictionary", 64, 2),
                cell("dictionary", 64, 3), cell("rvq", 64, 2));
        List<Integer> order = CellOrder.longestFirst(List.of(0, 1, 2, 3, 4, 5), cells, seconds);
        assertThat(order).containsExactly(2, 5, 3, 4, 0, 1);
        assertThat(CellOrder.longestFirst(List.of(1, 4), cells, seconds)).containsExactly(4, 1);
        assertThat(CellOrder.longestFirst(List.of(0, 1, 2), cells, Map.of())).containsExactly(0, 1, 2);
    }
}
