package dev.plugbench.api.bench;

import dev.plugbench.api.ApiStatus;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One setting of a task (a cost pair, a training regime, a problem size): a name, as results and
 * reports show it, and typed fields the task reads back, so no task parses its own names.
 *
 * @param name   unique within the task, e.g. {@code ce=0.05,c1=1}
 * @param fields values by key: numbers (kept as Double or Long), strings or booleans
 */
@ApiStatus(ApiStatus.Status.EXPERIMENTAL)
public record Setting(String name, Map<String, Object> fields) {
    public Setting {
        Objects.requireNonNull(name, "name is null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a setting needs a non-blank name");
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        Objects.requireNonNull(fields, "fields is null").forEach((k, v) -> copy.put(Objects.requireNonNull(k, "a field name is null"), normalise(name, k, v)));
        fields = Collections.unmodifiableMap(copy);
    }

    private static Object normalise(String setting, String key, Object v) {
        if (v instanceof Double || v instanceof Long || v instanceof String || v instanceof Boolean) {
            return v;
        }
        if (v instanceof Float f) {
            return f.doubleValue();
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        throw new IllegalArgumentException("setting '" + setting + "': field '" + key + "' is " + v
                + "; fields are numbers, strings or booleans");
    }

    /** A setting with no fields. */
    public static Setting named(String name) {
        return new Setting(name, Map.of());
    }

    /** A setting with fields given as key, value, key, value, ... */
    public static Setting of(String name, Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("setting '" + name + "': give fields as key, value pairs");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return new Setting(name, m);
    }

    /** A numeric field. */
    public double real(String key) {
        return field(key, Number.class).doubleValue();
    }

    /** An integer field. */
    public long integer(String key) {
        Object v = field(key, Number.class);
        if (!(v instanceof Long l)) {
            throw new IllegalArgumentException("setting '" + name + "': field '" + key + "' is " + v + ", not an integer");
        }
        return l;
    }

    /** A string field. */
    public String text(String key) {
        return field(key, String.class);
    }

    /** A boolean field. */
    public boolean flag(String key) {
        return field(key, Boolean.class);
    }

    private <T> T field(String key, Class<T> type) {
        Object v = fields.get(key);
        if (v == null) {
            throw new IllegalArgumentException("setting '" + name + "' has no field '" + key + "'; it has " + fields.keySet());
        }
        if (!type.isInstance(v)) {
            throw new IllegalArgumentException("setting '" + name + "': field '" + key + "' is " + v + ", not a "
                    + type.getSimpleName().toLowerCase(java.util.Locale.ROOT));
        }
        return type.cast(v);
    }
}
