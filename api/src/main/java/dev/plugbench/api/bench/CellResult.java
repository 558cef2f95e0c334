package dev.plugbench.api.bench;

import dev.plugbench.api.ApiStatus;
import java.util.Map;

/**
 * One cell of a run: a method with one parameter assignment, on one setting, with one seed.
 *
 * @param method  method id
 * @param params  the full validated parameters (defaults filled in)
 * @param setting the task setting
 * @param seed    the seed
 * @param metrics metric name to value (empty when the cell failed)
 * @param seconds wall-clock time of the cell
 * @param error   why the cell failed, or null
 * @param series  the named arrays the task's plots need (see {@link CellOutput}); empty for most tasks
 */
@ApiStatus(ApiStatus.Status.EXPERIMENTAL)
public record CellResult(String method, Map<String, Object> params, String setting, long seed,
                         Map<String, Double> metrics, double seconds, String error, Map<String, double[]> series) {
    public CellResult {
        params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
        metrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics));
        series = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(series));
    }

    /** A row without series. */
    public CellResult(String method, Map<String, Object> params, String setting, long seed, Map<String, Double> metrics, double seconds,
                      String error) {
        this(method, params, setting, seed, metrics, seconds, error, Map.of());
    }

    public boolean failed() {
        return error != null;
    }
}
