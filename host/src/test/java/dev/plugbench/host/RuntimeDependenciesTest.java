package dev.plugbench.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What an application that embeds the host gets on its class path with {@code plugbench-host}: the
 * runtime, not the harness's or the CLI's libraries. Read from {@code mvn dependency:list} of this
 * module's runtime scope, which the build writes before the tests.
 */
class RuntimeDependenciesTest {
    private static List<String> runtimeDependencies() throws IOException {
        Path list = Path.of(System.getProperty("plugbench.runtimeDependencies", "target/runtime-dependencies.txt"));
        assertThat(list).as("the dependency list the build writes (run the tests with mvn -B verify)").exists();
        return Files.readAllLines(list).stream().map(String::trim).filter(l -> l.matches("[\\w.-]+:[\\w.-]+:.*")).toList();
    }

    @Test
    void theRuntimeBringsNoCliPlottingReportingOrStatisticsLibrary() throws IOException {
        List<String> deps = runtimeDependencies();
        assertThat(deps).as("the list was read").anyMatch(d -> d.startsWith("org.pf4j:pf4j:"))
                .anyMatch(d -> d.startsWith("com.google.inject:guice:")).anyMatch(d -> d.startsWith("dev.plugbench:plugbench-api:"));
        for (String forbidden : List.of("info.picocli:", "org.knowm.xchart:", "org.apache.pdfbox:", "de.rototor.pdfbox:", "org.hipparchus:",
                "org.webjars", "me.tongfei:progressbar", "org.jline:", "dev.plugbench:plugbench-harness", "dev.plugbench:plugbench-cli",
                "dev.plugbench:plugbench-tasks-", "org.slf4j:slf4j-simple", "ch.qos.logback:")) {
            assertThat(deps).as("runtime dependencies of plugbench-host").noneMatch(d -> d.startsWith(forbidden));
        }
    }
}
