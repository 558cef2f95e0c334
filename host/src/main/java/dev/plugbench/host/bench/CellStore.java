package dev.plugbench.host.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Completed cells on disk, one small JSON file each under {@code <task dir>/cells/}, written
 * atomically as each cell finishes, and named by the cell's full identity: what it computes and
 * what produced it. A resumed run reads back the cells whose identity it asks for; cells of other
 * plugin versions, task code or data are kept (a later comparison may read them) and never reused.
 */
final class CellStore {
    private final Path dir;

    CellStore(Path dir) {
        this.dir = dir;
    }

    /**
     * What produced a cell: the method's plugin (id, version, SHA-256 of its file or development
     * folder), the task (name, hash of its package's code) and the dataset's content hash.
     */
    record Producer(String plugin, String pluginVersion, String pluginSha256, String task, String taskCodeHash, String datasetHash) {
        String key() {
            return plugin + "@" + pluginVersion + "#" + pluginSha256 + "|" + task + "#" + taskCodeHash + "|" + datasetHash;
        }

        Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("plugin", plugin);
            m.put("plugin_version", pluginVersion);
            m.put("plugin_sha256", pluginSha256);
            m.put("task", task);
            m.put("task_code_sha256", taskCodeHash);
            m.put("dataset_sha256", datasetHash);
            return m;
        }

        /** A short description of the plugin part, for messages. */
        String pluginLabel() {
            return plugin + " " + pluginVersion + " (sha256 " + (pluginSha256 == null ? "none" : pluginSha256.substring(0, 12)) + ")";
        }
    }

    /** A cell: what it computes (method, parameters, setting, seed) and what produces it. */
    record Cell(String method, Map<String, Object> params, String setting, long seed, Producer producer) {
        /** What the cell computes, whoever produces it. */
        String computes() {
            return method + "|" + new TreeMap<>(params) + "|" + setting + "|" + seed;
        }

        /** The full identity. */
        String key() {
            return computes() + "|" + producer.key();
        }

        String fileName() {
            try {
                byte[] h = MessageDigest.getInstance("SHA-256").digest(key().getBytes(StandardCharsets.UTF_8));
                return HexFormat.of().formatHex(h, 0, 16) + ".json";
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    Optional<CellResult> load(Cell cell) throws IOException {
        Path f = dir.resolve(cell.fileName());
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        Map<String, Object> m = Json.read(f);
        if (!cell.key().equals(m.get("key"))) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> row = (Map<String, Object>) m.get("row");
        return Optional.of(Json.cell(row));
    }

    void save(Cell cell, CellResult result) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", cell.key());
        m.put("computes", cell.computes());
        m.put("producer", cell.producer().toJson());
        m.put("row", Json.row(result));
        AtomicFiles.write(dir.resolve(cell.fileName()), Json.bytes(m));
    }

    /**
     * The producer keys stored for each computed quantity ({@link Cell#computes()}): how a resume
     * tells a cell never run from one run by another plugin version, task code or dataset.
     */
    Map<String, Set<String>> storedProducers() throws IOException {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
                Map<String, Object> m = Json.read(f);
                Object computes = m.get("computes");
                Object key = m.get("key");
                if (computes instanceof String c && key instanceof String k && k.startsWith(c + "|")) {
                    out.computeIfAbsent(c, x -> new LinkedHashSet<>()).add(k.substring(c.length() + 1));
                }
            }
        }
        return out;
    }

    /** What differs between a stored producer key and a new producer, in words. */
    static String describeChange(String storedKey, Producer now) {
        String[] was = storedKey.split("\\|", -1);
        String[] is = now.key().split("\\|", -1);
        java.util.List<String> changes = new java.util.ArrayList<>();
        if (!was[0].equals(is[0])) {
            changes.add("plugin " + was[0].replaceFirst("#(.{12}).*", " (sha256 $1)").replace('@', ' ') + " -> " + now.pluginLabel());
        }
        if (was.length > 1 && !was[1].equals(is[1])) {
            changes.add("task code of '" + now.task() + "' changed");
        }
        if (was.length > 2 && !was[2].equals(is[2])) {
            changes.add("dataset changed");
        }
        return changes.isEmpty() ? "producer changed" : String.join("; ", changes);
    }

    /** Forgets one cell (the watch mode reruns it). */
    void forget(Cell cell) throws IOException {
        Files.deleteIfExists(dir.resolve(cell.fileName()));
    }
}
