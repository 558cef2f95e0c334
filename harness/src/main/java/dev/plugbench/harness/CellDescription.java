package dev.plugbench.harness;

import dev.plugbench.api.bench.Scale;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The unit of work of an executor: everything a host, here or in another process, needs to run
 * one cell and to check that it runs the same code on the same data. JSON-serialisable
 * ({@link #toJson()}, {@link #fromJson}); its answer is a {@link dev.plugbench.api.bench.CellResult}.
 *
 * @param family   the task's family
 * @param task     the task's name
 * @param scale    quick or full
 * @param method   the method id
 * @param params   the method's full parameters (defaults filled in)
 * @param setting  the setting's name (the task's {@code settings(scale)} gives its typed fields)
 * @param seed     the seed
 * @param producer what produces the cell: plugin, task code and dataset
 */
public record CellDescription(String family, String task, Scale scale, String method, Map<String, Object> params, String setting,
                              long seed, Producer producer) {
    public CellDescription {
        Objects.requireNonNull(family, "family is null");
        Objects.requireNonNull(task, "task is null");
        Objects.requireNonNull(scale, "scale is null");
        Objects.requireNonNull(method, "method is null");
        Objects.requireNonNull(setting, "setting is null");
        Objects.requireNonNull(producer, "producer is null");
        params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /**
     * What produced a cell: the method's plugin (id, version, SHA-256 of its file or development
     * folder; for a class-path method its class name, the API version and the hash of its package's
     * code), the hash of the task's package's code, and the dataset's content hash.
     */
    public record Producer(String plugin, String pluginVersion, String pluginSha256, String taskCodeHash, String datasetHash) {
        String key() {
            return plugin + "@" + pluginVersion + "#" + pluginSha256 + "|" + taskCodeHash + "|" + datasetHash;
        }

        /** A short description of the plugin part, for messages. */
        String pluginLabel() {
            return plugin + " " + pluginVersion + " (sha256 " + (pluginSha256 == null ? "none" : pluginSha256.substring(0, 12)) + ")";
        }
    }

    /** What the cell computes, whoever produces it. */
    String computes() {
        return method + "|" + new TreeMap<>(params) + "|" + setting + "|" + seed;
    }

    /** The full identity. */
    String key() {
        return computes() + "|" + task + "|" + producer.key();
    }

    String fileName() {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(key().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 16) + ".json";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What differs between a stored producer key and this cell's producer, in words. */
    String describeChangeFrom(String storedProducerKey) {
        String[] was = storedProducerKey.split("\\|", -1);
        String[] is = producer.key().split("\\|", -1);
        java.util.List<String> changes = new java.util.ArrayList<>();
        if (!was[0].equals(is[0])) {
            changes.add("plugin " + was[0].replaceFirst("#(.{12}).*", " (sha256 $1)").replace('@', ' ') + " -> " + producer.pluginLabel());
        }
        if (was.length > 1 && !was[1].equals(is[1])) {
            changes.add("task code of '" + task + "' changed");
        }
        if (was.length > 2 && !was[2].equals(is[2])) {
            changes.add("dataset changed");
        }
        return changes.isEmpty() ? "producer changed" : String.join("; ", changes);
    }

    /** The JSON form (the worker protocol and the cell files). */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("family", family);
        m.put("task", task);
        m.put("scale", scale.name().toLowerCase(java.util.Locale.ROOT));
        m.put("method", method);
        m.put("params", params);
        m.put("setting", setting);
        m.put("seed", seed);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("plugin", producer.plugin());
        p.put("plugin_version", producer.pluginVersion());
        p.put("plugin_sha256", producer.pluginSha256());
        p.put("task_code_sha256", producer.taskCodeHash());
        p.put("dataset_sha256", producer.datasetHash());
        m.put("producer", p);
        return m;
    }

    /** Reads {@link #toJson()}'s form back. */
    @SuppressWarnings("unchecked")
    public static CellDescription fromJson(Map<String, Object> m) {
        Map<String, Object> p = (Map<String, Object>) m.get("producer");
        return new CellDescription((String) m.get("family"), (String) m.get("task"),
                Scale.valueOf(((String) m.get("scale")).toUpperCase(java.util.Locale.ROOT)), (String) m.get("method"),
                (Map<String, Object>) m.get("params"), (String) m.get("setting"), ((Number) m.get("seed")).longValue(),
                new Producer((String) p.get("plugin"), (String) p.get("plugin_version"), (String) p.get("plugin_sha256"),
                        (String) p.get("task_code_sha256"), (String) p.get("dataset_sha256")));
    }
}
