package dev.plugbench.host;

import dev.plugbench.api.model.ModelSnapshot;
import dev.plugbench.api.spectral.ProbeInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.nd4j.linalg.factory.Nd4j;

/** The fixture plugin jars the build copied for the tests, and variants of them with one defect each. */
final class TestPlugins {
    static final String FIXTURE_ID = "probe-fixture";

    private TestPlugins() {
    }

    static Path dir() {
        String dir = System.getProperty("plugbench.test.plugins", "target/test-plugins");
        Path p = Path.of(dir);
        if (!Files.isRegularFile(p.resolve("probe-fixture-v1.jar"))) {
            throw new IllegalStateException("the fixture plugins are missing from " + p.toAbsolutePath()
                    + ": run the tests with 'mvn -B verify' from the project root, which builds and copies them");
        }
        return p;
    }

    static Path v1() {
        return dir().resolve("probe-fixture-v1.jar");
    }

    static Path v2() {
        return dir().resolve("probe-fixture-v2.jar");
    }

    /** Copies v1 into {@code target}, replacing or adding the given entries (text, UTF-8). */
    static Path variant(Path target, Map<String, String> replaced) throws IOException {
        Map<String, byte[]> bytes = new LinkedHashMap<>();
        replaced.forEach((k, v) -> bytes.put(k, v.getBytes(StandardCharsets.UTF_8)));
        return variantBytes(target, bytes);
    }

    /** Copies v1 into {@code target}, replacing or adding the given entries. */
    static Path variantBytes(Path target, Map<String, byte[]> replaced) throws IOException {
        Files.createDirectories(target.getParent());
        try (JarFile in = new JarFile(v1().toFile()); OutputStream os = Files.newOutputStream(target);
             JarOutputStream out = new JarOutputStream(os)) {
            Map<String, byte[]> pending = new LinkedHashMap<>(replaced);
            for (JarEntry e : java.util.Collections.list(in.entries())) {
                out.putNextEntry(new JarEntry(e.getName()));
                byte[] replacement = pending.remove(e.getName());
                if (replacement != null) {
                    out.write(replacement);
                } else {
                    try (InputStream is = in.getInputStream(e)) {
                        is.transferTo(out);
                    }
                }
                out.closeEntry();
            }
            for (Map.Entry<String, byte[]> e : pending.entrySet()) {
                out.putNextEntry(new JarEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return target;
    }

    /** The v1 fixture as a PF4J zip plugin: plugin.properties at the root, the jar's content under classes/. */
    static Path asZip(Path target) throws IOException {
        try (JarFile in = new JarFile(v1().toFile()); ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
            for (JarEntry e : java.util.Collections.list(in.entries())) {
                if (e.isDirectory()) {
                    continue;
                }
                String name = e.getName().equals("plugin.properties") ? "plugin.properties" : "classes/" + e.getName();
                out.putNextEntry(new ZipEntry(name));
                try (InputStream is = in.getInputStream(e)) {
                    is.transferTo(out);
                }
                out.closeEntry();
            }
        }
        return target;
    }

    /** The plugin.properties of v1 with one line changed. */
    static String properties(String key, String value) throws IOException {
        try (JarFile in = new JarFile(v1().toFile()); InputStream is = in.getInputStream(in.getEntry("plugin.properties"))) {
            String text = new String(is.readAllBytes(), StandardCharsets.UTF_8);
            return text.replaceAll("(?m)^" + java.util.regex.Pattern.quote(key) + "=.*$", java.util.regex.Matcher.quoteReplacement(key + "=" + value));
        }
    }

    /** A small probe input: a 6 x 4 matrix W = 1..24 and its initial value W0 = W - 1. */
    static ProbeInput probeInput() {
        double[][] w = new double[6][4];
        double[][] w0 = new double[6][4];
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 4; j++) {
                w[i][j] = i * 4 + j + 1;
                w0[i][j] = w[i][j] - 1;
            }
        }
        return new ProbeInput(new ModelSnapshot(Map.of("W", Nd4j.createFromArray(w)), 1),
                new ModelSnapshot(Map.of("W", Nd4j.createFromArray(w0)), 0), Nd4j.ones(3, 4), Nd4j.ones(3, 1));
    }
}
