package dev.plugbench.api;

import java.util.Objects;

/**
 * A metric a benchmark task reports, or one a method declares in its {@link MethodInfo} (its own
 * measurements, such as a probe's values, shown as the method's columns in tables and reports).
 * Its {@link Direction} says what is best: reports rank, mark and test methods by it, and
 * {@code plugbench compare} calls a change better or worse by it.
 *
 * @param name        as written in results ({@code kendall_tau})
 * @param direction   what is best: higher, lower, closest to {@code target}, or nothing (descriptive)
 * @param target      the ideal value of a {@link Direction#TARGET} metric; NaN for the other directions
 * @param description one line for the report
 */
@ApiStatus(ApiStatus.Status.EXPERIMENTAL)
public record MetricSpec(String name, Direction direction, double target, String description) {
    /** What a metric's best value is. */
    public enum Direction {
        /** Larger is better (an accuracy). */
        HIGHER("higher is better"),
        /** Smaller is better (a risk, an error). */
        LOWER("lower is better"),
        /** Closest to {@link MetricSpec#target()} is best (a differential whose ideal is 0). */
        TARGET("closest to the target is best"),
        /** No value is better than another (an operating point such as a reject rate, a perplexity): shown, never ranked. */
        DESCRIPTIVE("descriptive, no best");

        private final String phrase;

        Direction(String phrase) {
            this.phrase = phrase;
        }

        /** "higher is better" and so on, for reports. */
        public String phrase() {
            return phrase;
        }
    }

    public MetricSpec {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(direction, "direction is null");
        Objects.requireNonNull(description, "description is null");
        if (!name.matches("[A-Za-z][A-Za-z0-9_@.-]*")) {
            throw new IllegalArgumentException("metric name '" + name + "' is not valid: use letters, digits, '_', '@', '.' and '-', "
                    + "starting with a letter (e.g. 'stable_rank')");
        }
        if (direction == Direction.TARGET && !Double.isFinite(target)) {
            throw new IllegalArgumentException("metric '" + name + "' is closest-to-target but its target is " + target
                    + ": give a finite target (MetricSpec.closestTo(name, 0.0, description))");
        }
        if (direction != Direction.TARGET) {
            target = Double.NaN;
        }
    }

    /** A higher- or lower-is-better metric (the form of API 0.1.0). */
    public MetricSpec(String name, boolean higherIsBetter, String description) {
        this(name, higherIsBetter ? Direction.HIGHER : Direction.LOWER, Double.NaN, description);
    }

    /** A metric where larger is better. */
    public static MetricSpec higher(String name, String description) {
        return new MetricSpec(name, Direction.HIGHER, Double.NaN, description);
    }

    /** A metric where smaller is better. */
    public static MetricSpec lower(String name, String description) {
        return new MetricSpec(name, Direction.LOWER, Double.NaN, description);
    }

    /** A metric whose ideal value is {@code target} (for example a differential where 0 is ideal). */
    public static MetricSpec closestTo(String name, double target, String description) {
        return new MetricSpec(name, Direction.TARGET, target, description);
    }

    /** A metric with no best value: reports show it and never rank, bold or test it. */
    public static MetricSpec descriptive(String name, String description) {
        return new MetricSpec(name, Direction.DESCRIPTIVE, Double.NaN, description);
    }

    /** Whether larger values are better (only for {@link Direction#HIGHER}). */
    public boolean higherIsBetter() {
        return direction == Direction.HIGHER;
    }

    /** Whether some value is better than another (every direction but {@link Direction#DESCRIPTIVE}). */
    public boolean ranked() {
        return direction != Direction.DESCRIPTIVE;
    }

    /**
     * How far {@code value} is from the best, as a number where smaller is better: the value (lower),
     * its negation (higher) or its distance to the target. Undefined for a descriptive metric.
     */
    public double loss(double value) {
        return switch (direction) {
            case HIGHER -> -value;
            case LOWER -> value;
            case TARGET -> Math.abs(value - target);
            case DESCRIPTIVE -> throw new IllegalStateException("metric '" + name + "' is descriptive: no value is better than another");
        };
    }

    /** "higher is better", "closest to 0 is best", ... for reports. */
    public String directionLabel() {
        return direction == Direction.TARGET ? "closest to " + (target == Math.rint(target) ? String.valueOf((long) target) : String.valueOf(target))
                + " is best" : direction.phrase();
    }
}
