package dev.plugbench.api.bench;

import dev.plugbench.api.ApiStatus;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a task computes for one cell: its metrics, and the series its plots need (reconstructed
 * images, curves), so that plots read only finished rows, never state kept in the task object, and a
 * cell computed in another process or machine plots like one computed here.
 *
 * @param metrics metric name to value
 * @param series  named arrays for the task's plots; empty for most tasks
 */
@ApiStatus(ApiStatus.Status.EXPERIMENTAL)
public record CellOutput(Map<String, Double> metrics, Map<String, double[]> series) {
    public CellOutput {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(metrics, "metrics is null")));
        Map<String, double[]> copy = new LinkedHashMap<>();
        Objects.requireNonNull(series, "series is null").forEach((k, v) -> copy.put(k, Objects.requireNonNull(v, k).clone()));
        series = Collections.unmodifiableMap(copy);
    }

    /** Metrics only. */
    public static CellOutput of(Map<String, Double> metrics) {
        return new CellOutput(metrics, Map.of());
    }
}
