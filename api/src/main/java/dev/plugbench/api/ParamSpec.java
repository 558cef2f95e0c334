package dev.plugbench.api;

import java.util.List;
import java.util.Objects;

/**
 * One declared parameter of a method. Create them with the factories ({@link #real},
 * {@link #integer}, {@link #bool}, {@link #choice}); the host validates every value against its
 * spec before the method runs, so a method never sees a value out of its range.
 *
 * @param name         the parameter's name, as written in sweeps and results
 * @param type         its type
 * @param defaultValue the value used when none is given (a Double, Integer, Boolean or String)
 * @param min          inclusive lower bound for numbers, or null
 * @param max          inclusive upper bound for numbers, or null
 * @param choices      the allowed values of a {@link Type#CHOICE}; empty otherwise
 * @param description  one line saying what it does
 */
@ApiStatus(ApiStatus.Status.STABLE)
public record ParamSpec(String name, Type type, Object defaultValue, Double min, Double max,
                        List<String> choices, String description) {

    /** Parameter types. */
    public enum Type { REAL, INTEGER, BOOLEAN, CHOICE }

    public ParamSpec {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(type, "type is null");
        Objects.requireNonNull(defaultValue, "defaultValue is null");
        Objects.requireNonNull(description, "description is null");
        choices = choices == null ? List.of() : List.copyOf(choices);
        if (!name.matches("[a-zA-Z][a-zA-Z0-9_]*")) {
            throw new IllegalArgumentException("parameter name '" + name + "' is not valid: use letters, digits and '_', starting with a letter");
        }
        if (min != null && max != null && min > max) {
            throw new IllegalArgumentException("parameter '" + name + "': min " + min + " is above max " + max);
        }
        if (type == Type.CHOICE && choices.isEmpty()) {
            throw new IllegalArgumentException("parameter '" + name + "' is a choice without choices");
        }
        String problem = Params.check(type, min, max, choices, defaultValue);
        if (problem != null) {
            throw new IllegalArgumentException("default of parameter '" + name + "' is invalid: " + problem);
        }
    }

    /** A real-valued parameter in [min, max]. */
    public static ParamSpec real(String name, double defaultValue, double min, double max, String description) {
        return new ParamSpec(name, Type.REAL, defaultValue, min, max, List.of(), description);
    }

    /** An integer parameter in [min, max]. */
    public static ParamSpec integer(String name, int defaultValue, int min, int max, String description) {
        return new ParamSpec(name, Type.INTEGER, defaultValue, (double) min, (double) max, List.of(), description);
    }

    /** A boolean flag. */
    public static ParamSpec bool(String name, boolean defaultValue, String description) {
        return new ParamSpec(name, Type.BOOLEAN, defaultValue, null, null, List.of(), description);
    }

    /** One of a fixed set of strings. */
    public static ParamSpec choice(String name, String defaultValue, List<String> choices, String description) {
        return new ParamSpec(name, Type.CHOICE, defaultValue, null, null, choices, description);
    }

    /** The allowed values, for error messages and the CLI ("a real in [0.0, 1.0]"). */
    public String domainText() {
        return switch (type) {
            case REAL -> "a real number in [" + bound(min) + ", " + bound(max) + "]";
            case INTEGER -> "an integer in [" + bound(min) + ", " + bound(max) + "]";
            case BOOLEAN -> "true or false";
            case CHOICE -> "one of " + choices;
        };
    }

    private String bound(Double b) {
        if (b == null) {
            return "unbounded";
        }
        return type == Type.INTEGER ? Long.toString(b.longValue()) : b.toString();
    }
}
