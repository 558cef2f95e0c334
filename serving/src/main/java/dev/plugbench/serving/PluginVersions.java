package dev.plugbench.serving;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * A plugin file replaced in place by the same code at the next version, as a release would replace
 * it: the copy is written beside it under a name the host's directory watch ignores, then renamed
 * over it in one step, so the host never reads half a file.
 */
final class PluginVersions {
    private static final Pattern VERSION_LINE = Pattern.compile("(?m)^(plugin\\.version\\s*[=:]\\s*)(\\S+)\\s*$");
    private static final Pattern LAST_NUMBER = Pattern.compile("(\\d+)(?!.*\\d)");

    private PluginVersions() {
    }

    /** The plugin.version of a plugin jar. */
    static String version(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry e = zip.getEntry("plugin.properties");
            if (e == null) {
                throw new IOException(jar + " has no plugin.properties: only plugins that declare their version there can be bumped");
            }
            Properties p = new Properties();
            try (InputStream in = zip.getInputStream(e)) {
                p.load(in);
            }
            String v = p.getProperty("plugin.version");
            if (v == null) {
                throw new IOException(jar + "'s plugin.properties has no plugin.version");
            }
            return v.trim();
        }
    }

    /** The version after {@code v}: its last number plus one (0.1.0 -> 0.1.1, 1.0.9 -> 1.0.10). */
    static String next(String v) {
        Matcher m = LAST_NUMBER.matcher(v);
        if (!m.find()) {
            throw new IllegalArgumentException("version '" + v + "' has no number to increase");
        }
        return v.substring(0, m.start()) + (Long.parseLong(m.group(1)) + 1) + v.substring(m.end());
    }

    /** Replaces {@code jar} by a copy at the next version; returns that version. */
    static String bump(Path jar) throws IOException {
        String next = next(version(jar));
        Path part = jar.resolveSibling("." + jar.getFileName() + ".part");
        try (ZipFile zip = new ZipFile(jar.toFile()); ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(part))) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                out.putNextEntry(new ZipEntry(e.getName()));
                try (InputStream in = zip.getInputStream(e)) {
                    if (e.getName().equals("plugin.properties")) {
                        String text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
                        out.write(VERSION_LINE.matcher(text).replaceFirst("$1" + Matcher.quoteReplacement(next)).getBytes(StandardCharsets.ISO_8859_1));
                    } else {
                        in.transferTo(out);
                    }
                }
                out.closeEntry();
            }
        } catch (IOException e) {
            Files.deleteIfExists(part);
            throw e;
        }
        Files.move(part, jar, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return next;
    }
}
