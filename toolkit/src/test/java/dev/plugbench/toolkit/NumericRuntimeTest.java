package dev.plugbench.toolkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The BLAS kernel is chosen before OpenBLAS loads and recorded: each case in a child JVM, since
 * OpenBLAS reads its kernel once per process. Prescott is OpenBLAS's oldest x86-64 kernel, which
 * every x86-64 CPU runs and none detects as its own.
 */
class NumericRuntimeTest {
    private static final String OLDEST = "Prescott";

    @Test
    void openBlasDetectsTheCpuByDefaultAndBothCopiesAreTheBundledVersion() throws Exception {
        Map<String, String> r = probe(null, null);
        assertThat(r.get("blas_core")).contains("libopenblas.so.0: ", "libopenblas_nolapack.so.0: ", "(OpenBLAS 0.3.31)").doesNotContain(OLDEST);
        assertThat(r.get("blas_core_choice")).isEqualTo("detected by OpenBLAS");
        assertThat(r.get("omp_wait_policy")).as("ND4J's OpenMP threads wait without spinning").isEqualTo("PASSIVE");
    }

    @Test
    void aWaitPolicyTheUserSetIsKept() throws Exception {
        assertThat(probe(null, null, Map.of("OMP_WAIT_POLICY", "ACTIVE")).get("omp_wait_policy")).isEqualTo("ACTIVE");
        assertThat(probe(null, null, Map.of("GOMP_SPINCOUNT", "1000")).get("omp_wait_policy")).isEqualTo("GOMP_SPINCOUNT=1000");
    }

    @Test
    void aKernelNamedByThePropertyRunsInBothCopies() throws Exception {
        Map<String, String> r = probe(OLDEST, null);
        assertThat(r.get("blas_core")).isEqualTo("libopenblas.so.0: Prescott (OpenBLAS 0.3.31), libopenblas_nolapack.so.0: Prescott (OpenBLAS 0.3.31)");
        assertThat(r.get("blas_core_choice")).isEqualTo("-Dplugbench.blasCore=Prescott");
    }

    @Test
    void theEnvironmentsKernelIsKeptUnlessThePropertySaysDetect() throws Exception {
        Map<String, String> inherited = probe(null, OLDEST);
        assertThat(inherited.get("blas_core")).contains("libopenblas.so.0: Prescott");
        assertThat(inherited.get("blas_core_choice")).isEqualTo("OPENBLAS_CORETYPE=Prescott from the environment");

        Map<String, String> detected = probe(NumericRuntime.DETECT, OLDEST);
        assertThat(detected.get("blas_core")).doesNotContain(OLDEST);
        assertThat(detected.get("blas_core_choice")).isEqualTo("detected by OpenBLAS (-Dplugbench.blasCore=detect)");
    }

    @Test
    void aBadKernelNameIsRefusedWithTheFix() throws Exception {
        Map<String, String> r = probe("Has well", null);
        assertThat(r.get("exit")).isNotEqualTo("0");
        assertThat(r.get("output")).contains("-Dplugbench.blasCore=Has well is not an OpenBLAS kernel name", "detect");
    }

    @Test
    void aKernelOpenBlasDoesNotKnowIsReported() throws Exception {
        Map<String, String> r = probe("Bogus", null);
        assertThat(r.get("exit")).isEqualTo("0");
        assertThat(r.get("output")).contains("-Dplugbench.blasCore=Bogus asked for that OpenBLAS kernel, but OpenBLAS runs");
    }

    private static Map<String, String> probe(String property, String environment) throws IOException, InterruptedException {
        return probe(property, environment, Map.of());
    }

    private static Map<String, String> probe(String property, String environment, Map<String, String> more) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
        if (property != null) {
            command.add("-D" + NumericRuntime.CORE_PROPERTY + "=" + property);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), BlasCoreProbe.class.getName()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().remove("OPENBLAS_CORETYPE");
        pb.environment().remove("OPENBLAS_L2_SIZE");
        pb.environment().remove("OMP_WAIT_POLICY");
        pb.environment().remove("GOMP_SPINCOUNT");
        if (environment != null) {
            pb.environment().put("OPENBLAS_CORETYPE", environment);
        }
        pb.environment().putAll(more);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).as("child JVM finished").isTrue();
        Map<String, String> r = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0 && line.substring(0, eq).matches("[a-z_]+")) {
                r.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        r.put("exit", Integer.toString(p.exitValue()));
        r.put("output", output);
        return r;
    }
}
