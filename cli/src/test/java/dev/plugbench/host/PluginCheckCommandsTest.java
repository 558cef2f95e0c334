package dev.plugbench.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugbench.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host's checks as commands: {@code verify-plugin}'s exit status, {@code hotswap-check} in a JVM of its own. */
class PluginCheckCommandsTest {
    @TempDir
    Path tmp;

    private Path variant(String name, Map<String, byte[]> replaced) throws IOException {
        return TestPlugins.variantBytes(tmp.resolve(name), replaced);
    }

    @Test
    void aMethodIdAnInstalledPluginAlreadyProvidesIsAnErrorAndTheCommandExitsOne() throws IOException {
        Path installed = Files.createDirectories(tmp.resolve("installed"));
        Files.copy(TestPlugins.v1(), installed.resolve("probe-fixture.jar"));
        Path copy = variant("copy.jar", Map.of("plugin.properties", TestPlugins.properties("plugin.id", "fixture-copy").getBytes(StandardCharsets.UTF_8)));
        StringWriter out = new StringWriter();
        int code = Main.execute(new String[] {"verify-plugin", copy.toString(), "--plugins", installed.toString()}, new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true));
        assertThat(code).isEqualTo(1);
        assertThat(out.toString()).contains("ERROR method ids: spectral/frobenius is already provided by the installed plugin probe-fixture 1.0.0")
                .contains("FAIL " + copy);
        int ok = Main.execute(new String[] {"verify-plugin", TestPlugins.v1().toString(), "--plugins", installed.toString()},
                new PrintWriter(new StringWriter(), true), new PrintWriter(new StringWriter(), true));
        assertThat(ok).as("the installed plugin's own methods do not clash with a new version of it").isZero();
    }

    @Test
    void disablingExplicitGcInventsNoLeak() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("nogc"));
        Path jar = Files.copy(TestPlugins.v1(), dir.resolve("fixture.jar"));
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:+DisableExplicitGC", "-Xmx512m",
                "-Duser.home=" + System.getProperty("user.home"), "-Dplugbench.log.dir=" + System.getProperty("plugbench.log.dir"), "-cp", System.getProperty("java.class.path"), "dev.plugbench.cli.Main", "hotswap-check", jar.toString(),
                "--plugins", Files.createDirectories(tmp.resolve("empty")).toString(), "--swaps", "10", "--threads", "2")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("out.txt").toFile()).start();
        assertThat(p.waitFor(3, TimeUnit.MINUTES)).isTrue();
        String out = Files.readString(tmp.resolve("out.txt"), StandardCharsets.UTF_8);
        assertThat(out).contains("10 swaps").contains("0 failed, 0 leaked class loaders").contains("PASS");
        assertThat(p.exitValue()).as(out).isZero();
    }
}
