package dev.plugbench.api;

import java.util.Objects;

/**
 * A metric a benchmark task reports, or one a method declares in its {@link MethodInfo} (its own
 * measurements, such as a probe's values, shown as the method's columns in tables and reports).
 *
 * @param name           as written in results ({@code kendall_tau})
 * @param higherIsBetter which direction the report marks as best
 * @param description    one line for the report
 */
@ApiStatus(ApiStatus.Status.EXPERIMENTAL)
public record MetricSpec(String name, boolean higherIsBetter, String description) {
    public MetricSpec {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(description, "description is null");
        if (!name.matches("[A-Za-z][A-Za-z0-9_@.-]*")) {
            throw new IllegalArgumentException("metric name '" + name + "' is not valid: use letters, digits, '_', '@', '.' and '-', "
                    + "starting with a letter (e.g. 'stable_rank')");
        }
    }

    /** A metric where larger is better. */
    public static MetricSpec higher(String name, String description) {
        return new MetricSpec(name, true, description);
    }

    /** A metric where smaller is better. */
    public static MetricSpec lower(String name, String description) {
        return new MetricSpec(name, false, description);
    }
}
