package dev.plugbench.host;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The plugin files a user allows: each by plugin id, version and SHA-256, kept in a JSON file
 * ({@code plugbench trust add|list|remove}). A host built with {@code trustedOnly(file)} loads only
 * these; any other file, or a trusted id and version whose content changed, is a problem that names
 * the file and the command that would trust it. It says which files you chose; it does not make a
 * plugin safe to run (see architecture.md).
 */
public final class TrustList {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One trusted plugin file. */
    public record Entry(String id, String version, String sha256) {
        public Entry {
            Objects.requireNonNull(id, "id is null");
            Objects.requireNonNull(version, "version is null");
            Objects.requireNonNull(sha256, "sha256 is null");
        }
    }

    private final Path file;
    private final List<Entry> entries;

    private TrustList(Path file, List<Entry> entries) {
        this.file = file;
        this.entries = List.copyOf(entries);
    }

    /** The user's default list: {@code ~/.config/plugbench/trust.json}. */
    public static Path defaultFile() {
        return Path.of(System.getProperty("user.home"), ".config", "plugbench", "trust.json");
    }

    /** Reads a list (an absent file is an empty list). */
    public static TrustList read(Path file) {
        if (!Files.isRegularFile(file)) {
            return new TrustList(file, List.of());
        }
        try {
            List<Map<String, String>> raw = JSON.readValue(file.toFile(), new TypeReference<List<Map<String, String>>>() {
            });
            List<Entry> entries = new ArrayList<>();
            for (Map<String, String> e : raw) {
                entries.add(new Entry(e.get("id"), e.get("version"), e.get("sha256")));
            }
            return new TrustList(file, entries);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("the trust list " + file + " cannot be read: " + e.getMessage()
                    + "; fix or delete it, then trust the plugins again (plugbench trust add FILE)", e);
        }
    }

    public List<Entry> entries() {
        return entries;
    }

    /** Whether this exact file content of this plugin id and version is trusted. */
    public boolean allows(String id, String version, String sha256) {
        return entries.contains(new Entry(id, version, sha256));
    }

    /** The list with {@code entry} added (replacing any entry of the same id and version), written to its file. */
    public TrustList add(Entry entry) {
        List<Entry> next = new ArrayList<>(entries);
        next.removeIf(e -> e.id().equals(entry.id()) && e.version().equals(entry.version()));
        next.add(entry);
        return write(next);
    }

    /** The list without the entries of {@code id} (of {@code version} only, when given), written to its file. */
    public TrustList remove(String id, String version) {
        List<Entry> next = new ArrayList<>(entries);
        next.removeIf(e -> e.id().equals(id) && (version == null || e.version().equals(version)));
        return write(next);
    }

    private TrustList write(List<Entry> next) {
        next.sort(Comparator.comparing(Entry::id).thenComparing(Entry::version));
        List<Map<String, String>> raw = new ArrayList<>();
        for (Entry e : next) {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("id", e.id());
            m.put("version", e.version());
            m.put("sha256", e.sha256());
            raw.add(m);
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "trust", ".json");
            JSON.writeValue(tmp.toFile(), raw);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the trust list " + file + ": " + e.getMessage(), e);
        }
        return new TrustList(file, next);
    }
}
