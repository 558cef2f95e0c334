package dev.plugbench.api.bench;

import dev.plugbench.api.ApiStatus;
import java.util.Objects;

/**
 * A metric a task reports.
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
