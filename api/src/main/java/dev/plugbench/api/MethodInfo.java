package dev.plugbench.api;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The metadata a method carries.
 *
 * @param id          stable identifier, unique within the family: lower-case letters, digits and
 *                    dashes, starting with a letter or digit ({@code l2h-joint}, {@code vq-ema})
 * @param family      the extension point's family ({@code lwa}, {@code latent}, {@code attribution},
 *                    {@code spectral}); must match the extension point the method implements
 * @param displayName a short human-readable name for tables
 * @param reference   the paper it comes from ("arXiv 2409.16253") or {@code "baseline"}
 * @param parameters  the parameters it accepts, with types, defaults and ranges
 * @param metrics     the metrics it measures itself, if any (names, directions, descriptions); see {@link #withMetrics}
 */
@ApiStatus(ApiStatus.Status.STABLE)
public record MethodInfo(String id, String family, String displayName, String reference, List<ParamSpec> parameters,
                         List<MetricSpec> metrics) {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    /** The reference of a method that is a baseline rather than a paper's contribution. */
    public static final String BASELINE = "baseline";

    public MethodInfo {
        Objects.requireNonNull(id, "id is null");
        Objects.requireNonNull(family, "family is null");
        Objects.requireNonNull(displayName, "displayName is null");
        Objects.requireNonNull(reference, "reference is null");
        Objects.requireNonNull(parameters, "parameters is null");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("method id '" + id + "' is not valid: use 1 to 64 lower-case letters,"
                    + " digits and dashes, starting with a letter or digit (e.g. 'l2h-joint')");
        }
        if (!ID.matcher(family).matches()) {
            throw new IllegalArgumentException("family '" + family + "' is not valid: use the FAMILY constant of the extension point");
        }
        Objects.requireNonNull(metrics, "metrics is null");
        parameters = List.copyOf(parameters);
        metrics = List.copyOf(metrics);
        Set<String> names = new HashSet<>();
        for (ParamSpec p : parameters) {
            if (!names.add(p.name())) {
                throw new IllegalArgumentException("method '" + id + "' declares parameter '" + p.name() + "' twice");
            }
        }
        Set<String> metricNames = new HashSet<>();
        for (MetricSpec m : metrics) {
            if (!metricNames.add(m.name())) {
                throw new IllegalArgumentException("method '" + id + "' declares metric '" + m.name() + "' twice");
            }
        }
    }

    /** A method that declares no metrics of its own. */
    public MethodInfo(String id, String family, String displayName, String reference, List<ParamSpec> parameters) {
        this(id, family, displayName, reference, parameters, List.of());
    }

    /**
     * This info with the metrics the method measures itself (a probe's values, a quantizer's extra
     * statistics): tables and reports show them as the method's columns when a task records them.
     */
    public MethodInfo withMetrics(MetricSpec... declared) {
        return new MethodInfo(id, family, displayName, reference, parameters, List.of(declared));
    }

    /** A method without parameters. */
    public static MethodInfo of(String id, String family, String displayName, String reference) {
        return new MethodInfo(id, family, displayName, reference, List.of());
    }

    /** The declared parameter with this name, if any. */
    public Optional<ParamSpec> parameter(String name) {
        return parameters.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** Validates raw values against the declared parameters; see {@link Params#bind}. */
    public Params bind(java.util.Map<String, ?> raw) {
        return Params.bind(id, parameters, raw);
    }

    /** The declared defaults, validated. */
    public Params defaults() {
        return bind(java.util.Map.of());
    }
}
