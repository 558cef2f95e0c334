package dev.plugbench.tasks.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.plugbench.api.attribution.SurrogateFeatureSpace;
import dev.plugbench.host.ProductPluginsTest;
import dev.plugbench.harness.TaskCells;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LdsTaskTest extends ProductPluginsTest {
    @Test
    void theScoreIsTheMeanOverTestPointsOfSpearmanOverSubsets() {
        double[][] predicted = {{1, 2, 3}, {3, 2, 1}, {5, 5, 5}};
        double[][] actual = {{1, 10, 0}, {2, 20, 0}, {3, 30, 1}};
        Map<String, Double> m = LdsTask.score(predicted, actual);
        assertThat(m.get("lds")).isCloseTo(0, within(1e-12));
        assertThat(m.get("lds_stderr")).isCloseTo(1, within(1e-12));
        assertThat(m.get("lds_points")).as("a constant prediction has no rank correlation").isEqualTo(2.0);
    }

    @Test
    void aQuickRunScoresAKernelAndASecondRunReadsTheRetrainedMarginsFromDisk(@TempDir Path cache) throws IOException {
        System.setProperty("plugbench.cache", cache.toString());
        try {
            SurrogateFeatureSpace trntk = host.method(SurrogateFeatureSpace.class, "trntk");
            int before = LdsTask.RETRAINED.get();
            Map<String, Double> first = TaskCells.run(new LdsTask(), trntk, trntk.info().defaults(), "project-recipe", 0, true);
            assertThat(LdsTask.RETRAINED.get() - before).isEqualTo(LdsTask.SUBSETS_QUICK);
            assertThat(first.get("lds")).isBetween(-1.0, 1.0);
            assertThat(first.get("lds_points")).isGreaterThan(100.0);
            try (Stream<Path> files = Files.list(cache)) {
                assertThat(files.filter(f -> f.getFileName().toString().startsWith("lds-"))).hasSize(1);
            }
            Map<String, Double> second = TaskCells.run(new LdsTask(), trntk, trntk.info().defaults(), "project-recipe", 0, true);
            assertThat(LdsTask.RETRAINED.get() - before).as("no network retrained the second time").isEqualTo(LdsTask.SUBSETS_QUICK);
            assertThat(second.get("lds")).isEqualTo(first.get("lds"));
            Map<String, Double> otherSeed = TaskCells.run(new LdsTask(), trntk, trntk.info().defaults(), "project-recipe", 1, true);
            assertThat(LdsTask.RETRAINED.get() - before).as("every seed is scored against the same retrained networks").isEqualTo(LdsTask.SUBSETS_QUICK);
            assertThat(otherSeed.get("lds")).as("another seed explains another network").isNotEqualTo(first.get("lds"));
        } finally {
            System.clearProperty("plugbench.cache");
        }
    }
}
