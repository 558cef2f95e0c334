package dev.plugbench.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugbench.host.DrillReport;
import dev.plugbench.host.HotswapDrill;
import dev.plugbench.host.Plugbench;
import dev.plugbench.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An outsider's build, with Maven: in an empty folder, with only the artifacts installed into a
 * private repository (target/it-repo, filled by maven-invoker's install goal as {@code mvn install}
 * would fill ~/.m2) and no path into this repository, a plugin is generated from the archetype for
 * each family and all four are built with one aggregator (their conformance tests and hot-swap
 * drills run); then sdk-docs/getting-started.md is followed as written: its files from its blocks,
 * {@code mvn -B package}, the version bumped and built again, verify-plugin on both jars, the quick
 * bench with the method's own column, and version 1 hot-swapped for version 2 under calls.
 * Maven's own plugins come from the user's repository (a file mirror), as they would from Central.
 */
class MavenOutsiderIT {
    private static final List<String> FAMILIES = List.of("lwa", "latent", "attribution", "spectral");

    @TempDir
    Path tmp;

    /**
     * The environment of an outsider's shell: Maven reads its settings from a home of its own (a
     * file mirror of the user's repository, for Maven's own plugins) and its artifacts from the
     * private repository; {@code mvn} and {@code $PLUGBENCH} (a launcher of the host on this
     * test's class path) are on hand.
     */
    private java.util.Map<String, String> shell() throws IOException {
        Path home = tmp.resolve("home");
        Path settings = home.resolve(".m2/settings.xml");
        if (!Files.exists(settings)) {
            Files.createDirectories(settings.getParent());
            Files.writeString(settings, "<settings><mirrors><mirror><id>maven-plugins</id><mirrorOf>*</mirrorOf><url>"
                    + Path.of(System.getProperty("plugbench.userRepo")).toUri() + "</url></mirror></mirrors></settings>");
            Path launcher = home.resolve("plugbench");
            Files.writeString(launcher, "#!/usr/bin/env bash\nexec " + Path.of(System.getProperty("java.home"), "bin", "java")
                    + " -Xmx1g -cp '" + System.getProperty("java.class.path") + "' dev.plugbench.cli.Main \"$@\"\n");
            launcher.toFile().setExecutable(true);
        }
        return java.util.Map.of("MAVEN_OPTS", "-Duser.home=" + home + " -Dmaven.repo.local=" + System.getProperty("plugbench.itRepo"),
                "PATH", Path.of(System.getProperty("plugbench.mavenHome"), "bin") + ":" + System.getenv("PATH"),
                "PLUGBENCH", home.resolve("plugbench").toString());
    }

    /** Runs a shell script (a page's command block, as written) in {@code dir}; returns its output, failing the test on a non-zero exit. */
    private String sh(Path dir, String script) throws Exception {
        Path log = Files.createTempFile(tmp, "sh", ".log");
        ProcessBuilder pb = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().putAll(shell());
        Process p = pb.start();
        assertThat(p.waitFor(6, TimeUnit.MINUTES)).as(script + " finished").isTrue();
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(script + "\nin " + dir + ":\n" + tail(out)).isZero();
        return out;
    }

    private String mvn(Path dir, String... args) throws Exception {
        return sh(dir, "mvn -B " + String.join(" ", args));
    }

    private static String tail(String s) {
        return s.length() > 6000 ? s.substring(s.length() - 6000) : s;
    }

    private static CliResult cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliResult(code, out.toString(), err.toString());
    }

    private record CliResult(int code, String out, String err) {
    }

    @Test
    void archetypeProjectsAndTheGettingStartedPageBuildFromTheInstalledArtifacts() throws Exception {
        // one plugin per family from the archetype, built together
        Path generated = Files.createDirectories(tmp.resolve("generated"));
        StringBuilder modules = new StringBuilder();
        for (String family : FAMILIES) {
            mvn(generated, "org.apache.maven.plugins:maven-archetype-plugin:3.2.1:generate", "-DinteractiveMode=false",
                    "-DarchetypeGroupId=dev.plugbench", "-DarchetypeArtifactId=plugbench-plugin-archetype", "-DarchetypeVersion=0.1.0",
                    "-Dfamily=" + family, "-DgroupId=org.example", "-DartifactId=my-" + family, "-Dpackage=org.example.my" + family,
                    "-DclassName=My" + Character.toUpperCase(family.charAt(0)) + family.substring(1));
            modules.append("<module>my-").append(family).append("</module>");
        }
        Files.writeString(generated.resolve("pom.xml"), "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><modelVersion>4.0.0</modelVersion>"
                + "<groupId>org.example</groupId><artifactId>all</artifactId><version>1.0.0</version><packaging>pom</packaging>"
                + "<modules>" + modules + "</modules></project>");
        String build = mvn(generated, "verify");
        for (String family : FAMILIES) {
            String name = "org.example.my" + family + ".My" + Character.toUpperCase(family.charAt(0)) + family.substring(1);
            assertThat(build).containsPattern("Tests run: [78], Failures: 0, Errors: 0, Skipped: 0, Time elapsed: [0-9.]+ s -- in " + name + "Test")
                    .contains("Tests run: 1, Failures: 0, Errors: 0, Skipped: 0").contains("-- in " + name + "HotSwapTest");
            assertThat(generated.resolve("my-" + family + "/target/my-" + family + "-1.0.0.jar")).exists();
        }

        // the getting-started page, as written: its files from its blocks, its commands run in a shell
        List<DocBlocks> blocks = DocBlocks.of(Path.of(System.getProperty("plugbench.sdkdocs")).resolve("getting-started.md"));
        Path project = Files.createDirectories(tmp.resolve("stable-rank"));
        Path sources = Files.createDirectories(project.resolve("src/main/java/org/example"));
        Path tests = Files.createDirectories(project.resolve("src/test/java/org/example"));
        String pom = DocBlocks.only(blocks, "xml", "<artifactId>stable-rank</artifactId>");
        Files.writeString(project.resolve("pom.xml"), pom);
        Files.writeString(project.resolve("plugin.properties"), DocBlocks.only(blocks, "properties", "plugin.id=stable-rank"));
        Files.writeString(sources.resolve("StableRankProbe.java"), DocBlocks.only(blocks, "java", "class StableRankProbe "));
        Files.writeString(tests.resolve("StableRankProbeTest.java"), DocBlocks.only(blocks, "java", "class StableRankProbeTest"));
        Files.writeString(tests.resolve("StableRankHotSwapTest.java"), DocBlocks.only(blocks, "java", "class StableRankHotSwapTest"));
        // section 3 as written (the PLUGBENCH= line names the reader's checkout: here $PLUGBENCH is set already)
        String section3 = DocBlocks.only(blocks, "bash", "mvn -B package ").lines().filter(l -> !l.startsWith("PLUGBENCH="))
                .collect(java.util.stream.Collectors.joining("\n"));
        String first = sh(project, section3);
        assertThat(first).contains("Tests run: 8, Failures: 0").contains("-- in org.example.StableRankHotSwapTest")
                .contains("OK hot swap").contains("PASS").contains("stable-rank: stable_rank").contains("| stable-rank | 1.0.0 |");
        // section 4: "set <version>1.0.1</version>, mvn -B package"
        Files.writeString(project.resolve("pom.xml"), pom.replace("<version>1.0.0</version>", "<version>1.0.1</version>"));
        mvn(project, "package");
        Path v2 = project.resolve("target/stable-rank-1.0.1.jar");
        CliResult verified = cli("verify-plugin", v2.toString());
        assertThat(verified.code()).as(verified.out() + verified.err()).isZero();
        assertThat(verified.out()).contains("OK hot swap").contains("PASS");
        Path installed = project.resolve("plugins/stable-rank-1.0.0.jar");

        // section 2's archetype command, as written, in an empty folder: a project that builds
        Path fromArchetype = Files.createDirectories(tmp.resolve("from-archetype"));
        sh(fromArchetype, DocBlocks.only(blocks, "bash", ":generate"));
        mvn(fromArchetype.resolve("stable-rank"), "verify");

        // version 1 replaced in place by version 2, then reloaded under calls: the drill's first reload is the upgrade
        try (Plugbench host = Plugbench.builder().pluginsDir(installed.getParent()).discoverClasspath(false).build()) {
            assertThat(host.plugins()).singleElement().satisfies(p -> assertThat(p.version()).isEqualTo("1.0.0"));
            Files.copy(v2, installed, StandardCopyOption.REPLACE_EXISTING);
            DrillReport r = new HotswapDrill(host).run("stable-rank", new HotswapDrill.Options(3, 2, 10, Duration.ofSeconds(30)));
            assertThat(r.failedCalls()).as(r.failures().toString()).isZero();
            assertThat(r.findings()).isEmpty();
            assertThat(host.plugins()).singleElement().satisfies(p -> assertThat(p.version()).isEqualTo("1.0.1"));
        }
    }
}
