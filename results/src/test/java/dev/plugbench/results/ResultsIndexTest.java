package dev.plugbench.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The results index against the run folders it is built from: what it stores, how it follows them, what a kill or a concurrent writer leaves. */
class ResultsIndexTest {
    @TempDir
    Path root;

    private static long count(ResultsIndex index, String sql) throws Exception {
        try (Connection c = index.read(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    @Test
    void everyValueOfEveryCellIsIndexedAndSummarizedAsTheHarnessDoes() throws Exception {
        StoredRuns.threeVersions(root);
        try (ResultsIndex index = ResultsIndex.ofRoot(root)) {
            ResultsIndex.Refresh r = index.refresh();
            assertThat(r.added()).isEqualTo(3);
            assertThat(r.problems()).isEmpty();
            // per run: 2 settings x 8 seeds x (zeta + 3 mu variants) cells, 2 metrics each
            assertThat(count(index, "SELECT COUNT(*) FROM cells")).isEqualTo(3 * 2 * 8 * 4);
            assertThat(count(index, "SELECT COUNT(*) FROM cell_values")).isEqualTo(3 * 2 * 8 * 4 * 2);
            assertThat(count(index, "SELECT COUNT(*) FROM run_methods WHERE plugin = 'fixture'")).isEqualTo(6);
            assertThat(count(index, "SELECT COUNT(*) FROM settings WHERE field = 'noise'")).isEqualTo(6);
            try (Connection c = index.read()) {
                long v3 = RunsQuery.list(c, Map.of("version", "0.3.0"), "started", "desc", 10, 0).get("runs") instanceof List<?> l
                        ? ((Number) ((Map<?, ?>) l.get(0)).get("id")).longValue() : -1;
                Map<String, Object> run = RunsQuery.one(c, v3).orElseThrow();
                assertThat(run).containsEntry("path", "v3/alpha").containsEntry("batch", "v3").containsEntry("cells", 64).containsEntry("quick", true);
                assertThat(run.get("report")).isEqualTo("/files/1/v3/alpha/report.html");
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> summary = (List<Map<String, Object>>) run.get("summary");
                Map<String, Object> zeta = summary.stream().filter(m -> m.get("method").equals("zeta") && m.get("setting").equals("easy")
                        && m.get("metric").equals("accuracy")).findFirst().orElseThrow();
                double[] v = java.util.stream.IntStream.range(0, 8).mapToDouble(s -> StoredRuns.zeta(s) - 0.05).toArray();
                double mean = java.util.Arrays.stream(v).average().orElseThrow();
                double sd = Math.sqrt(java.util.Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / 7);
                assertThat((double) zeta.get("mean")).isCloseTo(mean, within(1e-15));
                assertThat((double) zeta.get("stderr")).isCloseTo(sd / Math.sqrt(8), within(1e-15));
                assertThat(zeta.get("n")).isEqualTo(8);
            }
        }
    }

    @Test
    void aRefreshFollowsTheFoldersAndKeepsAReadableVersionOfAFileThatStoppedReading() throws Exception {
        StoredRuns.threeVersions(root);
        try (ResultsIndex index = ResultsIndex.ofRoot(root)) {
            index.refresh();
            assertThat(index.refresh().unchanged()).isEqualTo(3);
            StoredRuns.write(root.resolve("v2/alpha"), "0.2.1", "2026-11-02T11:00:00Z", 0.01);
            Files.delete(root.resolve("v1/alpha/results.json"));
            Files.writeString(root.resolve("v3/alpha/results.json"), "{\"schema\": \"plugbench.results/2\", \"family\": ");
            ResultsIndex.Refresh r = index.refresh();
            assertThat(r.updated()).isEqualTo(1);
            assertThat(r.removed()).isEqualTo(1);
            assertThat(r.unchanged()).isEqualTo(1); // the damaged v3: its last readable version stays
            assertThat(r.problems()).singleElement().asString().contains("v3/alpha/results.json").contains("is not valid JSON").contains("next index reads it again");
            assertThat(count(index, "SELECT COUNT(*) FROM run_methods WHERE version = '0.2.1'")).isEqualTo(2);
            assertThat(count(index, "SELECT COUNT(*) FROM runs")).isEqualTo(2);
            Files.writeString(root.resolve("v3/alpha/results.json"), "{\"schema\": \"other/1\", \"family\": \"demo\", \"task\": \"alpha\", \"rows\": []}");
            assertThat(index.refresh().problems()).singleElement().asString().contains("has schema other/1");
        }
        assertThatThrownBy(() -> ResultsIndex.ofRoot(root.resolve("missing"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not exist").hasMessageContaining("--out");
    }

    @Test
    void aRootThatHoldsIndexedRootsTakesTheirPlaceWithoutCountingARunTwice() throws Exception {
        StoredRuns.threeVersions(root);
        try (ResultsIndex index = ResultsIndex.open(root.resolve("user.sqlite"))) {
            index.refresh(root.resolve("v1"));
            index.refresh(root.resolve("v2"));
            assertThat(count(index, "SELECT COUNT(*) FROM runs")).isEqualTo(2);
            index.refresh(root.resolve("v1/alpha")); // inside v1: nothing new
            assertThat(index.roots()).hasSize(2);
            index.refresh(root);
            assertThat(index.roots()).containsExactly(root.toRealPath());
            assertThat(count(index, "SELECT COUNT(*) FROM runs")).isEqualTo(3);
        }
    }

    @Test
    void readersNeverSeeHalfARunWhileAnotherRefreshWritesRuns() throws Exception {
        try (ResultsIndex index = ResultsIndex.ofRoot(root)) {
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 0; i < 30; i++) {
                        StoredRuns.write(root.resolve("r" + (i % 10) + "/alpha"), "0." + i + ".0", "2026-11-01T10:00:" + (10 + i) + "Z", i / 1000.0);
                        index.refresh();
                    }
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            writer.start();
            int checks = 0;
            while (writer.isAlive() || checks == 0) {
                try (Connection c = index.read(); Statement s = c.createStatement();
                     ResultSet r = s.executeQuery("SELECT r.id, r.cells, (SELECT COUNT(*) FROM cells x WHERE x.run_id = r.id), "
                             + "(SELECT COUNT(*) FROM cell_values v JOIN cells x ON x.id = v.cell_id WHERE x.run_id = r.id) FROM runs r")) {
                    while (r.next()) {
                        assertThat(r.getLong(3)).as("cells of run %d", r.getLong(1)).isEqualTo(r.getLong(2));
                        assertThat(r.getLong(4)).as("values of run %d", r.getLong(1)).isEqualTo(2 * r.getLong(2));
                    }
                }
                checks++;
            }
            writer.join();
            assertThat(failure.get()).isNull();
            assertThat(checks).isGreaterThan(1);
            assertThat(count(index, "SELECT COUNT(*) FROM runs")).isEqualTo(10);
        }
    }

    /** Indexes the folder named by its argument (the child JVM of the kill test). */
    public static final class IndexMain {
        public static void main(String[] args) {
            try (ResultsIndex index = ResultsIndex.ofRoot(Path.of(args[0]))) {
                index.refresh();
            }
        }
    }

    @Test
    void anIndexKilledMidWayIsRepairedByTheNextRefresh() throws Exception {
        for (int i = 0; i < 300; i++) {
            StoredRuns.write(root.resolve(String.format("run-%03d/alpha", i)), "0.1.0", "2026-11-01T10:00:00Z", i / 1e4);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), IndexMain.class.getName(), root.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Path file = root.resolve(ResultsIndex.FILE_NAME);
        long seen = 0;
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (child.isAlive() && System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                try (ResultsIndex peek = ResultsIndex.open(file)) {
                    seen = count(peek, "SELECT COUNT(*) FROM runs");
                } catch (RuntimeException | java.sql.SQLException e) {
                    seen = 0; // the schema is still being made
                }
                if (seen >= 5) {
                    break;
                }
            }
            Thread.sleep(5);
        }
        child.destroyForcibly().waitFor(); // kill -9
        assertThat(seen).as("the child had indexed part of the runs when it was killed").isBetween(5L, 299L);
        try (ResultsIndex index = ResultsIndex.ofRoot(root)) {
            assertThat(count(index, "SELECT COUNT(*) FROM runs")).isLessThan(300);
            ResultsIndex.Refresh r = index.refresh();
            assertThat(r.problems()).isEmpty();
            assertThat(r.runs()).isEqualTo(300);
            assertThat(count(index, "SELECT COUNT(*) FROM cells")).isEqualTo(300 * 64);
            assertThat(count(index, "SELECT COUNT(*) FROM cell_values")).isEqualTo(300 * 64 * 2);
            try (Connection c = index.read(); Statement s = c.createStatement(); ResultSet q = s.executeQuery("PRAGMA integrity_check")) {
                q.next();
                assertThat(q.getString(1)).isEqualTo("ok");
            }
        }
    }
}
