package dev.plugbench.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Parameter values that passed validation against a method's {@link ParamSpec}s: every declared
 * parameter is present (given or defaulted), of its type and in its range. The only way to get one
 * is {@link #bind}, so a method that receives {@code Params} never re-checks them.
 */
@ApiStatus(ApiStatus.Status.STABLE)
public final class Params {
    private final Map<String, Object> values;

    private Params(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /**
     * Validates raw values (numbers, booleans or strings such as command-line text) against the
     * declared parameters, fills in defaults, and returns the typed result.
     *
     * @throws InvalidParametersException naming every unknown name and every value out of its
     *                                    domain, with the domain it expected
     */
    public static Params bind(String methodId, List<ParamSpec> specs, Map<String, ?> raw) {
        Objects.requireNonNull(specs, "specs is null");
        Objects.requireNonNull(raw, "raw is null");
        List<String> problems = new ArrayList<>();
        Map<String, ParamSpec> byName = new LinkedHashMap<>();
        specs.forEach(s -> byName.put(s.name(), s));
        for (String name : raw.keySet()) {
            if (!byName.containsKey(name)) {
                problems.add("unknown parameter '" + name + "' (declared: " + String.join(", ", byName.keySet()) + ")");
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (ParamSpec spec : specs) {
            Object given = raw.containsKey(spec.name()) ? raw.get(spec.name()) : spec.defaultValue();
            Object value = coerce(spec.type(), given);
            String problem = value == null ? "cannot read " + describe(given) + " as " + spec.type().name().toLowerCase()
                    : check(spec.type(), spec.min(), spec.max(), spec.choices(), value);
            if (problem != null) {
                problems.add("parameter '" + spec.name() + "' = " + describe(given) + ": " + problem
                        + "; expected " + spec.domainText());
            } else {
                values.put(spec.name(), value);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidParametersException(methodId, problems);
        }
        return new Params(values);
    }

    /** Parameters of a method that declares none. */
    public static Params none() {
        return new Params(Map.of());
    }

    /** A real parameter's value. */
    public double real(String name) {
        return ((Number) get(name, ParamSpec.Type.REAL)).doubleValue();
    }

    /** An integer parameter's value. */
    public int integer(String name) {
        return (Integer) get(name, ParamSpec.Type.INTEGER);
    }

    /** A boolean parameter's value. */
    public boolean bool(String name) {
        return (Boolean) get(name, ParamSpec.Type.BOOLEAN);
    }

    /** A choice parameter's value. */
    public String choice(String name) {
        return (String) get(name, ParamSpec.Type.CHOICE);
    }

    /** All values by name, in declaration order (for provenance and result rows). */
    public Map<String, Object> asMap() {
        return values;
    }

    private Object get(String name, ParamSpec.Type type) {
        Object v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no parameter '" + name + "' was declared (declared: " + values.keySet() + ")");
        }
        boolean matches = switch (type) {
            case REAL -> v instanceof Double;
            case INTEGER -> v instanceof Integer;
            case BOOLEAN -> v instanceof Boolean;
            case CHOICE -> v instanceof String;
        };
        if (!matches) {
            throw new IllegalArgumentException("parameter '" + name + "' is not " + type.name().toLowerCase());
        }
        return v;
    }

    /** Converts a raw value to the canonical Java type of {@code type}, or null when it cannot. */
    static Object coerce(ParamSpec.Type type, Object raw) {
        if (raw == null) {
            return null;
        }
        try {
            return switch (type) {
                case REAL -> raw instanceof Number n ? n.doubleValue() : Double.parseDouble(raw.toString().trim());
                case INTEGER -> {
                    if (raw instanceof Integer i) {
                        yield i;
                    }
                    if (raw instanceof Number n) {
                        double d = n.doubleValue();
                        yield d == Math.rint(d) && Math.abs(d) <= Integer.MAX_VALUE ? (int) d : null;
                    }
                    yield Integer.parseInt(raw.toString().trim());
                }
                case BOOLEAN -> {
                    if (raw instanceof Boolean b) {
                        yield b;
                    }
                    String s = raw.toString().trim().toLowerCase();
                    yield s.equals("true") ? Boolean.TRUE : s.equals("false") ? Boolean.FALSE : null;
                }
                case CHOICE -> raw instanceof String s ? s : null;
            };
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Why {@code value} (already of the canonical type) is outside the domain, or null when it is inside. */
    static String check(ParamSpec.Type type, Double min, Double max, List<String> choices, Object value) {
        Object v = coerce(type, value);
        if (v == null) {
            return "not " + type.name().toLowerCase();
        }
        if (v instanceof Number n) {
            double d = n.doubleValue();
            if (!Double.isFinite(d)) {
                return "not a finite number";
            }
            if (min != null && d < min) {
                return "below the minimum " + min;
            }
            if (max != null && d > max) {
                return "above the maximum " + max;
            }
        }
        if (type == ParamSpec.Type.CHOICE && !choices.contains(v)) {
            return "not one of the choices";
        }
        return null;
    }

    private static String describe(Object raw) {
        return raw instanceof String ? "'" + raw + "'" : String.valueOf(raw);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Params p && p.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ", "{", "}"));
    }
}
