package dev.plugbench.api.spectral;

import dev.plugbench.api.ApiStatus;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A probe's output: named scalar values and named spectra (eigenvalues in ascending order).
 * Every number is finite; a probe that cannot measure throws instead of returning NaN.
 */
@ApiStatus(ApiStatus.Status.EXPERIMENTAL)
public record Measurement(Map<String, Double> values, Map<String, double[]> spectra) {
    public Measurement {
        Objects.requireNonNull(values, "values is null");
        Objects.requireNonNull(spectra, "spectra is null");
        values.forEach((k, v) -> {
            if (v == null || !Double.isFinite(v)) {
                throw new IllegalArgumentException("measurement '" + k + "' is " + v + ": every value must be finite");
            }
        });
        spectra.forEach((k, s) -> {
            for (double x : s) {
                if (!Double.isFinite(x)) {
                    throw new IllegalArgumentException("spectrum '" + k + "' holds " + x + ": every eigenvalue must be finite");
                }
            }
        });
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        Map<String, double[]> copy = new LinkedHashMap<>();
        spectra.forEach((k, s) -> copy.put(k, s.clone()));
        spectra = Collections.unmodifiableMap(copy);
    }
}
