package dev.plugbench.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugbench.host.MisbehavingProbes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.plugbench.api.bench.CellResult;
import dev.plugbench.api.spectral.SpectralProbe;
import dev.plugbench.host.Plugbench;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HarnessTest {
    @TempDir
    Path tmp;

    /** A host with the fixture plugin (frobenius) and the given classpath probes. */
    private Plugbench host(Class<?>... probes) throws IOException {
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        Files.copy(dev.plugbench.host.TestPluginsAccess.v1(), plugins.resolve("fixture.jar"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path services = Files.createDirectories(tmp.resolve("cp/META-INF/services"));
        Files.writeString(services.resolve(SpectralProbe.class.getName()),
                Arrays.stream(probes).map(Class::getName).collect(Collectors.joining("\n")) + "\n");
        URLClassLoader loader = new URLClassLoader(new URL[] {tmp.resolve("cp").toUri().toURL()}, null) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                return HarnessTest.class.getClassLoader().loadClass(name);
            }
        };
        return Plugbench.builder().pluginsDir(plugins).classLoader(loader).build();
    }

    private RunSpec spec(String out) {
        return RunSpec.of("spectral", tmp.resolve(out)).withTask("digits-drift").withSeeds(2).withCellTimeout(Duration.ofSeconds(60));
    }

    private static Map<String, Map<String, Double>> metricsByCell(TaskResult r) {
        return r.rows().stream().collect(Collectors.toMap(c -> c.method() + "/" + c.setting() + "/" + c.seed(), CellResult::metrics));
    }

    @Test
    void sameSeedsGiveTheSameNumbersWhateverTheThreadCount() throws IOException {
        try (Plugbench host = host(dev.plugbench.host.TraceProbeAccess.type())) {
            Harness h = new Harness(host);
            TaskResult one = h.run(spec("a").withThreads(1)).get(0);
            TaskResult two = h.run(spec("b").withThreads(2)).get(0);
            assertThat(one.rows()).hasSize(2 * 2 * 2).noneMatch(CellResult::failed);
            assertThat(metricsByCell(two)).isEqualTo(metricsByCell(one));
            assertThat(one.summary()).hasSize(4);
        }
    }

    @Test
    void overlappedRunsGiveTheSameNumbersAsOneTaskAtATime() throws IOException {
        try (Plugbench host = host(dev.plugbench.host.TraceProbeAccess.type())) {
            Harness h = new Harness(host);
            TaskResult alone = h.run(spec("alone").withThreads(1)).get(0);
            List<TaskResult> overlapped = h.run(List.of(spec("first").withThreads(2), spec("second").withThreads(2)), ProgressListener.NONE);
            assertThat(overlapped).hasSize(2);
            assertThat(overlapped.get(0).directory()).isEqualTo(tmp.resolve("first").resolve("digits-drift"));
            for (TaskResult r : overlapped) {
                assertThat(metricsByCell(r)).isEqualTo(metricsByCell(alone));
                assertThat(r.directory().resolve("results.json")).isRegularFile();
            }
            assertThatThrownBy(() -> h.run(List.of(spec("third").withThreads(2), spec("third").withThreads(2)), ProgressListener.NONE))
                    .as("one folder, locked once").hasMessageContaining("third");
        }
    }

    @Test
    void throwingNonFiniteAndHangingMethodsFailOnlyTheirCells() throws IOException {
        try (Plugbench host = host(MisbehavingProbes.Throwing.class, MisbehavingProbes.Negative.class, MisbehavingProbes.Hanging.class)) {
            TaskResult r = new Harness(host).run(spec("bad").withQuick(true).withThreads(2).withCellTimeout(Duration.ofSeconds(2))).get(0);
            Function<String, List<CellResult>> rowsOf = id -> r.rows().stream().filter(c -> c.method().equals(id)).toList();
            assertThat(rowsOf.apply("frobenius")).hasSize(2).noneMatch(CellResult::failed);
            assertThat(rowsOf.apply("throwing")).hasSize(2).allSatisfy(c -> assertThat(c.error()).contains("this probe always fails"));
            assertThat(rowsOf.apply("negative")).allSatisfy(c -> assertThat(c.error()).contains("metric 'probe_mean_log' is NaN"));
            assertThat(rowsOf.apply("hanging")).allSatisfy(c -> assertThat(c.error()).contains("timed out after 2 s"));
            assertThat(r.summary().stream().filter(s -> s.method().equals("throwing")).findFirst().orElseThrow().failed()).isEqualTo(2);
            assertThat(Files.readString(r.directory().resolve("report.md"))).contains("Failed cells").contains("this probe always fails");
        }
    }

    @Test
    void resumingAnInterruptedRunGivesTheUninterruptedResults() throws IOException {
        try (Plugbench host = host(dev.plugbench.host.TraceProbeAccess.type())) {
            Harness h = new Harness(host);
            TaskResult full = h.run(spec("full")).get(0);
            TaskResult partial = h.run(spec("partial")).get(0);
            // a run killed midway: some cells on disk, no results files yet
            Path cells = partial.directory().resolve("cells");
            List<Path> files;
            try (var s = Files.list(cells)) {
                files = s.sorted().toList();
            }
            for (int i = 0; i < files.size(); i += 2) {
                Files.delete(files.get(i));
            }
            Files.delete(partial.directory().resolve("results.json"));
            Files.delete(partial.directory().resolve("report.md"));
            Map<String, Double> keptSeconds = partial.rows().stream().collect(Collectors.toMap(
                    c -> c.method() + "/" + c.setting() + "/" + c.seed(), CellResult::seconds));
            TaskResult resumed = h.run(spec("partial").withResume(true)).get(0);
            assertThat(metricsByCell(resumed)).isEqualTo(metricsByCell(full));
            assertThat(resumed.summary()).isEqualTo(full.summary());
            long reused = resumed.rows().stream().filter(c -> keptSeconds.get(c.method() + "/" + c.setting() + "/" + c.seed()) == c.seconds()).count();
            assertThat(reused).as("completed cells are read back, not rerun").isGreaterThanOrEqualTo(files.size() / 2);
            assertThat(resumed.directory().resolve("results.json")).exists();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void resumingAfterAPluginUpgradeRecomputesExactlyThatPluginsCells() throws IOException {
        try (Plugbench host = host(dev.plugbench.host.TraceProbeAccess.type())) {
            Harness h = new Harness(host);
            RunSpec spec = spec("upgrade").withQuick(true);
            TaskResult v1 = h.run(spec).get(0);
            assertThat(v1.rows()).hasSize(4).noneMatch(CellResult::failed);

            // the plugin file is replaced by version 2 (what --watch or an operator does), then the run resumes
            Files.copy(dev.plugbench.host.TestPluginsAccess.v2(), tmp.resolve("plugins/fixture.jar"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            host.reloadPlugin("probe-fixture", tmp.resolve("plugins/fixture.jar"));
            List<String> changes = new java.util.ArrayList<>();
            int[] resumed = new int[2];
            TaskResult v2 = h.run(spec.withResume(true), new ProgressListener() {
                @Override
                public void taskStarted(String task, int total, int alreadyDone) {
                    resumed[0] = total;
                    resumed[1] = alreadyDone;
                }

                @Override
                public void producerChanged(String task, String method, String change, int cells) {
                    changes.add(method + ": " + change + " (" + cells + ")");
                }
            }).get(0);
            assertThat(resumed).containsExactly(4, 2); // the trace probe's 2 cells read back, frobenius's 2 recomputed
            assertThat(changes).singleElement().asString().startsWith("frobenius: plugin probe-fixture 1.0.0").contains("-> probe-fixture 2.0.0")
                    .endsWith("(2)");
            Map<String, Double> traceV1 = metricsByCell(v1).entrySet().stream().filter(e -> !e.getKey().startsWith("frobenius"))
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get("probe_mean_log")));
            assertThat(metricsByCell(v2).entrySet().stream().filter(e -> !e.getKey().startsWith("frobenius"))
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get("probe_mean_log")))).isEqualTo(traceV1);

            // results.json: one version per method, version 2 for frobenius; version 1's cells are kept on disk
            Map<String, Object> results = Json.read(v2.directory().resolve("results.json"));
            List<Map<String, Object>> plugins = (List<Map<String, Object>>) ((Map<String, Object>) results.get("provenance")).get("plugins");
            assertThat(plugins).extracting(m -> m.get("method")).doesNotHaveDuplicates();
            assertThat(plugins).filteredOn(m -> m.get("method").equals("frobenius")).extracting(m -> m.get("version")).containsExactly("2.0.0");
            try (var files = Files.list(v2.directory().resolve("cells"))) {
                assertThat(files.count()).isEqualTo(6);
            }
        }
    }

    @Test
    void aResumeRecomputesEditedDamagedAndFailedCellsAndSaysWhich() throws IOException {
        try (Plugbench host = host(dev.plugbench.host.TraceProbeAccess.type(), MisbehavingProbes.Throwing.class)) {
            Harness h = new Harness(host);
            RunSpec spec = spec("integrity").withQuick(true);
            TaskResult first = h.run(spec).get(0);
            assertThat(first.rows()).hasSize(6);
            Path cells = first.directory().resolve("cells");
            List<Path> good = new java.util.ArrayList<>();
            try (var files = Files.list(cells)) {
                for (Path f : files.sorted().toList()) {
                    if (!Files.readString(f).contains("\"error\"")) {
                        good.add(f);
                    }
                }
            }
            assertThat(good).hasSizeGreaterThanOrEqualTo(2);
            // a hand-edited metric and a truncated file
            String edited = Files.readString(good.get(0)).replaceFirst("(\"train_loss\" : )[0-9.eE-]+", "$1999");
            assertThat(edited).contains("999");
            Files.writeString(good.get(0), edited);
            Files.writeString(good.get(1), Files.readString(good.get(1)).substring(0, 40));
            List<String> recomputed = new java.util.ArrayList<>();
            TaskResult resumed = h.run(spec.withResume(true), new ProgressListener() {
                @Override
                public void cellRecomputed(String task, Path file, String why) {
                    recomputed.add(file.getFileName() + ": " + why);
                }
            }).get(0);
            assertThat(recomputed).hasSize(4)
                    .anyMatch(r -> r.startsWith(good.get(0).getFileName() + ": its content does not match its digest"))
                    .anyMatch(r -> r.startsWith(good.get(1).getFileName() + ": it does not parse"))
                    .filteredOn(r -> r.contains("the cell failed last time")).hasSize(2);
            assertThat(metricsByCell(resumed)).isEqualTo(metricsByCell(first));
            assertThat(resumed.rows()).noneMatch(c -> c.metrics().containsValue(999.0));
        }
    }

    @Test
    void aResumeRecomputesSavedCellsAsACheckAndRefusesWhenTheyDiffer() throws IOException {
        try (Plugbench host = host(dev.plugbench.host.TraceProbeAccess.type())) {
            Harness h = new Harness(host);
            RunSpec spec = spec("spot-check").withQuick(true);
            TaskResult first = h.run(spec).get(0);
            // an honest resume: the recomputed cells agree bit for bit
            assertThat(metricsByCell(h.run(spec.withResume(true)).get(0))).isEqualTo(metricsByCell(first));
            // every saved cell rewritten with another value and a matching digest (what the digest cannot catch)
            try (var files = Files.list(first.directory().resolve("cells"))) {
                for (Path f : files.toList()) {
                    Map<String, Object> m = Json.read(f);
                    @SuppressWarnings("unchecked")
                    Map<String, Object> row = (Map<String, Object>) m.get("row");
                    @SuppressWarnings("unchecked")
                    Map<String, Object> metrics = (Map<String, Object>) row.get("metrics");
                    metrics.put("train_loss", ((Number) metrics.get("train_loss")).doubleValue() + 1e-12);
                    m.put("digest", CellStore.digest((String) m.get("key"), row));
                    Files.write(f, Json.bytes(m));
                }
            }
            assertThatThrownBy(() -> h.run(spec.withResume(true))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("--resume refused").hasMessageContaining("2 saved cells were recomputed as a check and 2 came out different")
                    .hasMessageContaining("train_loss saved").hasMessageContaining("remove --resume, or give another --out");
        }
    }

    @Test
    void resultFilesGetTheUsualPermissionsNotPrivateOnes() throws IOException {
        try (Plugbench host = host(dev.plugbench.host.TraceProbeAccess.type())) {
            TaskResult r = new Harness(host).run(spec("permissions").withQuick(true)).get(0);
            Path plain = Files.createFile(r.directory().resolve("plain-file"));
            var usual = Files.getPosixFilePermissions(plain);
            try (var files = Files.walk(r.directory())) {
                for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.equals(plain)).toList()) {
                    assertThat(Files.getPosixFilePermissions(f)).as(f.toString()).isEqualTo(usual);
                }
            }
        }
    }

    @Test
    void aSecondRunOnTheSameOutputFolderIsRefusedNamingTheFirst() throws IOException {
        try (Plugbench host = host(dev.plugbench.host.TraceProbeAccess.type())) {
            Harness h = new Harness(host);
            RunSpec spec = spec("locked").withQuick(true);
            try (RunLock held = RunLock.acquire(spec.out())) {
                assertThatThrownBy(() -> h.run(spec)).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("is in use by another run (pid " + ProcessHandle.current().pid())
                        .hasMessageContaining("give another --out");
            }
            assertThat(h.run(spec)).singleElement().satisfies(r -> assertThat(r.rows()).noneMatch(CellResult::failed));
        }
    }

    @Test
    void resultsValidateAgainstTheSchemaAndTheReportsAreWritten() throws IOException {
        try (Plugbench host = host(dev.plugbench.host.TraceProbeAccess.type())) {
            TaskResult r = new Harness(host).run(spec("files").withQuick(true)).get(0);
            JsonSchema schema;
            try (InputStream in = Harness.class.getResourceAsStream("results.schema.json")) {
                schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
            }
            JsonNode results = new ObjectMapper().readTree(r.directory().resolve("results.json").toFile());
            Set<ValidationMessage> errors = schema.validate(results);
            assertThat(errors).isEmpty();
            assertThat(results.get("provenance").get("plugins").toString()).contains("probe-fixture").contains("\"source\":\"classpath\"");
            assertThat(results.get("provenance").get("dataset").get("content_hash").asText()).hasSize(64);
            ((com.fasterxml.jackson.databind.node.ObjectNode) results).put("family", "Not A Family");
            assertThat(schema.validate(results)).as("the schema can fail").isNotEmpty();
            assertThat(Files.readAllLines(r.directory().resolve("results.csv")).get(0))
                    .isEqualTo("method,params,setting,seed,seconds,error,train_loss,probe_mean_log");
            assertThat(Files.readString(r.directory().resolve("report.md"))).contains("| method | version | params |").contains("No value is bold. With 2 paired seeds")
                    .contains("## Provenance");
            byte[] png = Files.readAllBytes(r.directory().resolve("train_loss.png"));
            assertThat(Arrays.copyOf(png, 4)).containsExactly(0x89, 'P', 'N', 'G');
        }
    }

    @Test
    void rerunRecomputesOnlyTheNamedMethods() throws IOException {
        try (Plugbench host = host(dev.plugbench.host.TraceProbeAccess.type())) {
            Harness h = new Harness(host);
            TaskResult first = h.run(spec("watch").withQuick(true)).get(0);
            TaskResult again = h.rerun(spec("watch").withQuick(true), Set.of("frobenius"), ProgressListener.NONE).get(0);
            for (int i = 0; i < first.rows().size(); i++) {
                CellResult a = first.rows().get(i);
                CellResult b = again.rows().get(i);
                assertThat(b.metrics()).isEqualTo(a.metrics());
                if (a.method().equals("gram-trace")) {
                    assertThat(b.seconds()).as("kept").isEqualTo(a.seconds());
                }
            }
        }
    }

    @Test
    void unknownFamilyTaskOrMethodIsNamedWithTheAlternatives() throws IOException {
        try (Plugbench host = host(dev.plugbench.host.TraceProbeAccess.type())) {
            Harness h = new Harness(host);
            assertThatThrownBy(() -> h.run(RunSpec.of("optics", tmp))).hasMessageContaining("no benchmark task for family 'optics'")
                    .hasMessageContaining("spectral");
            assertThatThrownBy(() -> h.run(spec("x").withTask("nope"))).hasMessageContaining("has no task 'nope'").hasMessageContaining("digits-drift");
            assertThatThrownBy(() -> h.run(spec("x").withMethods(List.of("nope")))).hasMessageContaining("no method 'nope'")
                    .hasMessageContaining("frobenius");
        }
    }
}
