package dev.plugbench.host.bench;

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
 */
public record CellResult(String method, Map<String, Object> params, String setting, long seed,
                         Map<String, Double> metrics, double seconds, String error) {
    public CellResult {
        params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
        metrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics));
    }

    public boolean failed() {
        return error != null;
    }
}
