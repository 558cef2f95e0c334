package dev.plugbench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same cell gives bit-identical metrics whatever the thread count the machine offers: one
 * cell of each family in two child JVMs, one told by OMP_NUM_THREADS there is 1 core, the other 2
 * (unpinned, ND4J's reductions and LAPACK's eigensolver then differ in the last bits: measured,
 * 621 of 922 spectral values). The host pins ND4J's and OpenBLAS's threads itself.
 */
class CoreCountIndependenceTest {
    @TempDir
    Path tmp;

    @Test
    void aCellOfEveryFamilyGivesTheSameBitsWithOneAndTwoThreads() throws Exception {
        Process one = child(1);
        Process two = child(2);
        Map<String, Map<String, Object>> withOne = rows(one, 1);
        Map<String, Map<String, Object>> withTwo = rows(two, 2);
        assertThat(withOne.keySet()).hasSizeGreaterThanOrEqualTo(PinnedCellsMain.CELLS.size());
        assertThat(withOne.keySet().stream().map(k -> k.substring(1, k.indexOf(','))).distinct())
                .containsExactlyInAnyOrder("spectral", "lwa", "latent", "attribution");
        for (Map.Entry<String, Map<String, Object>> e : withOne.entrySet()) {
            Map<String, Object> a = e.getValue();
            Map<String, Object> b = withTwo.get(e.getKey());
            assertThat(a.get("error")).as(e.getKey()).isNull();
            assertThat(metricsWithoutTimings(b)).as(e.getKey()).isEqualTo(metricsWithoutTimings(a)).isNotEmpty();
            @SuppressWarnings("unchecked")
            Map<String, Object> threads = (Map<String, Object>) a.get("numeric_threads");
            assertThat(threads).containsEntry("nd4j_threads", 1).containsEntry("blas_threads", 1).containsKey("blas_core");
        }
    }

    private Process child(int threads) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-Dplugbench.log.dir=" + System.getProperty("plugbench.log.dir"), "-cp", System.getProperty("java.class.path"), PinnedCellsMain.class.getName(), tmp.resolve("out-" + threads).toString(),
                Path.of(System.getProperty("plugbench.plugins", "target/plugins")).toAbsolutePath().toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(tmp.resolve("log-" + threads).toFile());
        pb.environment().remove("SD_MAX_THREADS");
        pb.environment().remove("OPENBLAS_NUM_THREADS");
        pb.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
        return pb.start();
    }

    private Map<String, Map<String, Object>> rows(Process p, int threads) throws Exception {
        assertThat(p.waitFor(8, TimeUnit.MINUTES)).as("child JVM with %d threads finished", threads).isTrue();
        Path log = tmp.resolve("log-" + threads);
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        ObjectMapper json = new ObjectMapper();
        Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            if (line.startsWith("ROW ")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> row = json.readValue(line.substring(4), Map.class);
                rows.put((String) row.get("cell"), row);
            }
        }
        return rows;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> metricsWithoutTimings(Map<String, Object> row) {
        Map<String, Object> m = new LinkedHashMap<>((Map<String, Object>) row.get("metrics"));
        m.keySet().removeIf(k -> k.equals("seconds") || k.endsWith("_seconds") || k.endsWith("_us_per_vector"));
        return m;
    }
}
