package dev.plugbench.fifth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugbench.host.DrillReport;
import dev.plugbench.host.HotswapDrill;
import dev.plugbench.host.Plugbench;
import dev.plugbench.host.RegisteredMethod;
import dev.plugbench.host.Source;
import dev.plugbench.api.bench.CellResult;
import dev.plugbench.host.bench.Harness;
import dev.plugbench.host.bench.RunSpec;
import dev.plugbench.host.bench.TaskResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A family the host has never heard of, defined in these test sources only (extension point
 * {@link VectorNorm}, descriptor {@link NormFamily}, task {@link NormTask}, method {@link PNorm} packaged
 * here as a PF4J plugin jar): it loads, hot-swaps, passes the drill and runs in the harness, with
 * no host-core file naming it.
 */
class FifthFamilyTest {
    /** A PF4J plugin jar holding only the method class; the extension point stays on the host's class path. */
    static Path pluginJar(Path dir, String version) throws IOException {
        Path jar = dir.resolve("norm-plugin-" + version + ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            put(out, "plugin.properties", ("plugin.id=norm-plugin\nplugin.version=" + version + "\nplugin.requires=>=0.1.0 & <1.0.0\n"
                    + "plugin.provider=Plugbench tests\nplugin.description=p-norm, a method of a fifth family\n").getBytes(StandardCharsets.UTF_8));
            put(out, "META-INF/extensions.idx", (PNorm.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
            String classFile = PNorm.class.getName().replace('.', '/') + ".class";
            try (InputStream in = FifthFamilyTest.class.getClassLoader().getResourceAsStream(classFile)) {
                put(out, classFile, in.readAllBytes());
            }
        }
        return jar;
    }

    private static void put(JarOutputStream out, String name, byte[] content) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(content);
        out.closeEntry();
    }

    @Test
    void aFamilyDefinedOutsideTheHostLoadsHotSwapsAndRuns(@TempDir Path dir) throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        pluginJar(plugins, "1.0.0");
        try (Plugbench host = Plugbench.builder().pluginsDir(plugins).discoverClasspath(false).build()) {
            assertThat(host.problems()).isEmpty();
            List<RegisteredMethod<VectorNorm>> methods = host.methods(VectorNorm.class);
            assertThat(methods).extracting(RegisteredMethod::id).containsExactly("p-norm");
            assertThat(methods.get(0).source()).isEqualTo(Source.PF4J);
            assertThat(methods.get(0).family()).isEqualTo("norm");
            // loaded by the plugin's own class loader, not the test class path's copy
            assertThat(host.plugins()).extracting(p -> p.id()).contains("norm-plugin");

            DrillReport drill = new HotswapDrill(host).run("norm-plugin", 5, 2);
            assertThat(drill.failures()).isEmpty();
            assertThat(drill.failedCalls()).isZero();
            assertThat(drill.leakedClassLoaders()).isZero();
            assertThat(drill.calls()).isPositive();

            List<TaskResult> results = new Harness(host).run(RunSpec.of("norm", dir.resolve("out")).withQuick(true).withSeeds(2));
            assertThat(results).hasSize(1);
            TaskResult r = results.get(0);
            assertThat(r.task()).isEqualTo("known-norms");
            assertThat(r.rows()).hasSize(2).noneMatch(CellResult::failed);
            assertThat(r.rows()).allSatisfy(c -> assertThat(c.metrics().get("max_abs_error")).isLessThan(1e-12));
            assertThat(dir.resolve("out/known-norms/results.json")).exists();
        }
    }

    @Test
    void theBenchCommandRunsTheFifthFamily(@TempDir Path dir) throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        pluginJar(plugins, "1.0.0");
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        int code = dev.plugbench.host.cli.Main.execute(new String[] {"bench", "norm", "--quick", "--seeds", "2", "--plugins", plugins.toString(),
                "--out", dir.resolve("out").toString()}, new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true));
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("norm / known-norms (quick)").contains("p-norm").contains("(2 cells, 0 failed");
    }
}
