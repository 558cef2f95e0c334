package dev.plugbench.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugbench.harness.Harness;
import dev.plugbench.harness.RunSpec;
import dev.plugbench.host.Plugbench;
import dev.plugbench.tasks.lwa.LwaSplit;
import dev.plugbench.toolkit.metrics.Deferral;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** A served rule refitted from a stored benchmark cell decides the task's test split exactly as the harness scored that cell. */
class ServedCellTest {
    @TempDir
    Path tmp;

    private static Plugbench host() {
        return Plugbench.builder().pluginsDir(Path.of(System.getProperty("plugbench.plugins", "target/plugins"))).discoverClasspath(false).build();
    }

    @Test
    void theServedDecisionsGiveTheCellsSystemAccuracyAndRejectRateBitForBitInAnyBatchSize() {
        List<String> methods = List.of("l2h-joint", "confidence");
        try (Plugbench host = host()) {
            new Harness(host).run(RunSpec.of("lwa", tmp.resolve("bench")).withTask("digits-binary").withQuick(true).withSeeds(2).withMethods(methods));
            Path results = tmp.resolve("bench/digits-binary/results.json");
            RuleSource source = RuleSource.cells(results, methods, Optional.of("ce=0.04,c1=1"), 1);
            assertThat(source.task()).isEqualTo("digits-binary");
            assertThat(source.quick()).isTrue();
            try (RuleService service = RuleService.start(host, source, methods, new SimpleMeterRegistry())) {
                LwaSplit split = service.split();
                int n = (int) split.testX().rows();
                for (String m : methods) {
                    Map<String, Double> cell = source.expected().get(m);
                    for (int batch : new int[] {n, 64, 1}) {
                        boolean[] offloaded = new boolean[n];
                        boolean[] clientRight = new boolean[n];
                        boolean[] expertRight = new boolean[n];
                        int[] y = split.testY();
                        for (int from = 0; from < n; from += batch) {
                            int to = Math.min(n, from + batch);
                            INDArray rows = split.testX().get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
                            DecisionBatch d = service.decide(m, rows);
                            assertThat(d.version()).isEqualTo("0.1.0");
                            for (int i = 0; i < d.size(); i++) {
                                offloaded[from + i] = d.offload()[i];
                                clientRight[from + i] = d.client()[i] == y[from + i];
                                expertRight[from + i] = d.expert()[i] == y[from + i];
                                assertThat(d.cost()[i]).isEqualTo(d.offload()[i] ? 0.04 : 0.0);
                            }
                        }
                        Deferral deferral = new Deferral(clientRight, expertRight);
                        int off = 0;
                        for (boolean b : offloaded) {
                            off += b ? 1 : 0;
                        }
                        assertThat(deferral.systemAccuracy(offloaded)).as(m + " in batches of " + batch).isEqualTo(cell.get("system_accuracy"));
                        assertThat((double) off / n).as(m + " in batches of " + batch).isEqualTo(cell.get("reject_rate"));
                        assertThat(deferral.risk(offloaded, 0.04, 1.0)).as(m + " in batches of " + batch).isEqualTo(cell.get("risk"));
                    }
                }
                assertThat(service.ready()).isTrue();
                assertThatThrownBy(() -> service.decide("vq", split.testX())).hasMessageContaining("'vq' is not served here; served: l2h-joint, confidence");
                assertThatThrownBy(() -> service.decide("l2h-joint", new double[][] {{1, 2}})).hasMessageContaining("row 0 has 2 values; each row must have 64");
                assertThat(service.decide("l2h-joint", new double[][] {new double[64]}).size()).isEqualTo(1);
            }
        }
    }

    @Test
    void aCellThatIsNotThereOrAFileOfAnotherFamilyIsRefusedWithTheFix() throws Exception {
        Path other = tmp.resolve("results.json");
        java.nio.file.Files.writeString(other, "{\"family\": \"latent\", \"rows\": []}");
        assertThatThrownBy(() -> RuleSource.cells(other, List.of("l2h-joint"), Optional.empty(), 0))
                .hasMessageContaining("is not the results.json of an lwa task (family: 'latent')");
        java.nio.file.Files.writeString(other, "{\"family\": \"lwa\", \"task\": \"digits-binary\", \"quick\": true, \"rows\": []}");
        assertThatThrownBy(() -> RuleSource.cells(other, List.of("l2h-joint"), Optional.empty(), 0))
                .hasMessageContaining("has no successful cell of method 'l2h-joint' at seed 0").hasMessageContaining("plugbench bench lwa --task digits-binary");
        assertThatThrownBy(() -> LwaSplit.of("digits-ternary", 0, true)).hasMessageContaining("no lwa task 'digits-ternary'; the tasks: synthetic, digits-binary");
        try (Plugbench host = host()) {
            assertThatThrownBy(() -> RuleService.start(host, RuleSource.fitted("digits-binary", 0, true, Optional.of("ce=9")), List.of("confidence"),
                    new SimpleMeterRegistry())).hasMessageContaining("has no setting 'ce=9' in quick runs; its settings: ce=");
            assertThatThrownBy(() -> RuleService.start(host, RuleSource.fitted("digits-binary", 0, true, Optional.empty()), List.of("nope"),
                    new SimpleMeterRegistry())).hasMessageContaining("no lwa method 'nope' is loaded; the lwa methods: confidence, l2h-joint");
        }
    }
}
