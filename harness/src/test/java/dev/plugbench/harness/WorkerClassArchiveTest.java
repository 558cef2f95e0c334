package dev.plugbench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker JVMs' class archive: made once by one JVM, moved into place when it ended, then mapped; silent on standard output. */
class WorkerClassArchiveTest {
    @TempDir
    Path tmp;
    private String cacheBefore;

    /** What the child JVM runs: one class from a jar, so the archive has an application class to hold. */
    public static final class ArchivedMain {
        public static void main(String[] args) {
            System.err.println("ran");
        }
    }

    @BeforeEach
    void ownCache() {
        cacheBefore = System.getProperty("plugbench.cache");
        System.setProperty("plugbench.cache", tmp.resolve("cache").toString());
    }

    @AfterEach
    void restoreCache() {
        if (cacheBefore == null) {
            System.clearProperty("plugbench.cache");
        } else {
            System.setProperty("plugbench.cache", cacheBefore);
        }
        System.clearProperty(WorkerClassArchive.PROPERTY);
    }

    private Path mainJar() throws IOException {
        Path jar = tmp.resolve("main.jar");
        String entry = ArchivedMain.class.getName().replace('.', '/') + ".class";
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); InputStream in = ArchivedMain.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
        }
        return jar;
    }

    /** Standard output of a JVM started with {@code options} on {@code classPath}. */
    private String run(List<String> options, String classPath, String... more) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(options);
        command.addAll(List.of(more));
        command.addAll(List.of("-cp", classPath, ArchivedMain.class.getName()));
        Path out = tmp.resolve("out-" + System.nanoTime());
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).isZero();
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    @Test
    void theFirstWorkerMakesTheArchiveTheOthersWaitForItThenMapIt() throws Exception {
        String classPath = mainJar().toString();
        WorkerClassArchive archive = WorkerClassArchive.of(classPath);
        WorkerClassArchive.Use maker = archive.next();
        assertThat(maker.options()).anyMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit="));
        assertThat(archive.next().options()).as("another worker while the first makes it").isEmpty();

        assertThat(run(maker.options(), classPath)).as("nothing on standard output, the worker protocol's channel").isEmpty();
        Path cds = tmp.resolve("cache").resolve("cds");
        maker.ended();
        maker.ended();
        try (var files = Files.list(cds)) {
            assertThat(files.map(f -> f.getFileName().toString()).toList()).as("the archive in place, no lock or part left")
                    .singleElement().satisfies(n -> assertThat(n).startsWith("worker-").endsWith(".jsa"));
        }

        WorkerClassArchive.Use mapper = archive.next();
        assertThat(mapper.options()).anyMatch(o -> o.startsWith("-XX:SharedArchiveFile="));
        assertThat(run(mapper.options(), classPath)).isEmpty();
        assertThat(run(mapper.options(), classPath, "-Xlog:class+load=info")).as("the class comes from the archive")
                .contains(ArchivedMain.class.getName() + " source: shared objects file (top)");
    }

    @Test
    void anotherClassPathHasAnArchiveOfItsOwn() {
        assertThat(WorkerClassArchive.key("a.jar")).isNotEqualTo(WorkerClassArchive.key("b.jar")).hasSize(16);
    }

    @Test
    void aLockLeftByAKilledWorkerIsTakenAfterTenMinutes() throws Exception {
        WorkerClassArchive archive = WorkerClassArchive.of("x.jar");
        assertThat(archive.next().options()).isNotEmpty();
        assertThat(archive.next().options()).isEmpty();
        try (var files = Files.list(tmp.resolve("cache").resolve("cds"))) {
            Path lock = files.filter(f -> f.toString().endsWith(".lock")).findFirst().orElseThrow();
            Files.setLastModifiedTime(lock, FileTime.from(Instant.now().minusSeconds(11 * 60)));
        }
        assertThat(archive.next().options()).anyMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit="));
    }

    @Test
    void aClassPathWithAFolderGetsNone() throws IOException {
        assertThat(WorkerClassArchive.of(mainJar() + java.io.File.pathSeparator + tmp).next().options()).isEmpty();
    }

    @Test
    void turnedOffItAddsNothing() {
        System.setProperty(WorkerClassArchive.PROPERTY, "false");
        assertThat(WorkerClassArchive.of("x.jar").next().options()).isEmpty();
    }
}
