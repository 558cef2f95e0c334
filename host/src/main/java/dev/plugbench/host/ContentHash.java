package dev.plugbench.host;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * SHA-256 content hashes that identify what produced a result: a plugin file, a development
 * folder (every file under it, by relative path, so a rebuilt class changes it), or the code of a
 * class's package (every class file of that package where the class was loaded from).
 */
public final class ContentHash {
    private ContentHash() {
    }

    /** The hash of a file's bytes, or of a folder's whole content (relative paths and bytes, in path order). */
    public static String of(Path fileOrFolder) throws IOException {
        MessageDigest md = sha256();
        if (!Files.isDirectory(fileOrFolder)) {
            update(md, fileOrFolder);
            return HexFormat.of().formatHex(md.digest());
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(fileOrFolder)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path f : files) {
            md.update(fileOrFolder.relativize(f).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            update(md, f);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /**
     * The hash that identifies a plugin: of its file, or of what a development folder loads from (its
     * plugin.properties, target/classes and target/lib: PF4J's development layout; test reports and
     * sources elsewhere in the folder do not count), or of its whole content when it has no
     * target/classes. {@link PluginInfo#sha256()} is this hash.
     */
    public static String ofPlugin(Path fileOrFolder) throws IOException {
        if (Files.isDirectory(fileOrFolder) && Files.isDirectory(fileOrFolder.resolve("target/classes"))) {
            return ofParts(fileOrFolder, List.of("plugin.properties", "target/classes", "target/lib"));
        }
        return of(fileOrFolder);
    }

    /** The hash of the named parts of a folder (files or folders; missing ones are skipped), in the given order. */
    public static String ofParts(Path root, List<String> parts) throws IOException {
        MessageDigest md = sha256();
        for (String part : parts) {
            Path p = root.resolve(part);
            if (Files.exists(p)) {
                md.update((part + "=" + of(p) + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /**
     * The hash of the class files of {@code type}'s package (not its sub-packages), read from where
     * {@code type} was loaded (a folder or a jar): a change to any class of the package changes it.
     */
    public static String ofPackage(Class<?> type) {
        String prefix = type.getPackageName().replace('.', '/') + "/";
        try {
            Path where = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
            MessageDigest md = sha256();
            if (Files.isDirectory(where)) {
                Path dir = where.resolve(prefix);
                List<Path> classes;
                try (Stream<Path> list = Files.list(dir)) {
                    classes = list.filter(p -> p.getFileName().toString().endsWith(".class")).sorted().toList();
                }
                for (Path c : classes) {
                    md.update(c.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                    update(md, c);
                }
            } else {
                try (JarFile jar = new JarFile(where.toFile())) {
                    List<JarEntry> entries = new ArrayList<>();
                    for (JarEntry e : Collections.list(jar.entries())) {
                        String name = e.getName();
                        if (name.startsWith(prefix) && name.endsWith(".class") && name.indexOf('/', prefix.length()) < 0) {
                            entries.add(e);
                        }
                    }
                    entries.sort(java.util.Comparator.comparing(JarEntry::getName));
                    for (JarEntry e : entries) {
                        md.update(e.getName().substring(prefix.length()).getBytes(StandardCharsets.UTF_8));
                        try (InputStream in = jar.getInputStream(e)) {
                            md.update(in.readAllBytes());
                        }
                    }
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the code of " + type.getName() + " to hash it", e);
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("cannot locate the code of " + type.getName() + " to hash it: " + e, e);
        }
    }

    private static void update(MessageDigest md, Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int r; (r = in.read(buf)) > 0; ) {
                md.update(buf, 0, r);
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
