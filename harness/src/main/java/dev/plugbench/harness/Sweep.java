package dev.plugbench.harness;

import dev.plugbench.api.InvalidParametersException;
import dev.plugbench.api.MethodInfo;
import dev.plugbench.api.ParamSpec;
import dev.plugbench.api.Params;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parameter values to sweep, given on the command line ({@code --param sparsity=1,2,4}, or
 * {@code --param METHOD:sparsity=1,2,4} for one method) or in a JSON file
 * ({@code {"sparse-dict": {"sparsity": [1, 2, 4]}, "*": {"steps": [400]}}}). For each method the
 * values it declares replace the task's own sweep of those parameters: every assignment of the
 * task's sweep is crossed with every combination of the given values. Checked against each method's
 * {@link ParamSpec}s before anything runs, with every problem listed at once.
 *
 * @param values scope ("*" for every method that declares the parameter, or a method id) to parameter to its values, in order
 */
public record Sweep(Map<String, Map<String, List<Object>>> values) {
    /** All methods. */
    public static final String EVERY_METHOD = "*";
    /** No override: each task's own sweep. */
    public static final Sweep NONE = new Sweep(Map.of());

    public Sweep {
        Map<String, Map<String, List<Object>>> copy = new LinkedHashMap<>();
        values.forEach((scope, params) -> {
            Map<String, List<Object>> p = new LinkedHashMap<>();
            params.forEach((k, v) -> p.put(k, List.copyOf(v)));
            copy.put(scope, java.util.Collections.unmodifiableMap(p));
        });
        values = java.util.Collections.unmodifiableMap(copy);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /**
     * Parses {@code --param} arguments: {@code name=v1,v2} or {@code method:name=v1,v2}.
     *
     * @throws IllegalArgumentException listing every argument that does not parse
     */
    public static Sweep parse(List<String> arguments) {
        Map<String, Map<String, List<Object>>> out = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String a : arguments) {
            int eq = a.indexOf('=');
            if (eq <= 0 || eq == a.length() - 1) {
                problems.add("--param '" + a + "': expected NAME=V1,V2 or METHOD:NAME=V1,V2 (e.g. --param sparsity=1,2,4)");
                continue;
            }
            String left = a.substring(0, eq).trim();
            int colon = left.indexOf(':');
            String scope = colon < 0 ? EVERY_METHOD : left.substring(0, colon).trim();
            String name = colon < 0 ? left : left.substring(colon + 1).trim();
            List<Object> vals = new ArrayList<>();
            for (String v : a.substring(eq + 1).split(",", -1)) {
                if (v.isBlank()) {
                    problems.add("--param '" + a + "': an empty value (two commas, or a trailing comma)");
                } else {
                    vals.add(v.trim());
                }
            }
            out.computeIfAbsent(scope, k -> new LinkedHashMap<>()).merge(name, vals, (x, y) -> {
                List<Object> all = new ArrayList<>(x);
                all.addAll(y);
                return all;
            });
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new Sweep(out);
    }

    /**
     * Reads a sweep file: a JSON object of scope ("*" or a method id) to an object of parameter to a
     * value or a list of values.
     */
    @SuppressWarnings("unchecked")
    public static Sweep read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("sweep file " + file + " does not exist");
        }
        Map<String, Object> raw;
        try {
            raw = Json.read(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("sweep file " + file + " is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        Map<String, Map<String, List<Object>>> out = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        raw.forEach((scope, params) -> {
            if (!(params instanceof Map<?, ?> m)) {
                problems.add("'" + scope + "' should map parameter names to values, e.g. {\"" + scope + "\": {\"sparsity\": [1, 2]}}");
                return;
            }
            Map<String, List<Object>> p = new LinkedHashMap<>();
            ((Map<String, Object>) m).forEach((name, v) -> {
                List<Object> vals = new ArrayList<>();
                if (v instanceof List<?> l) {
                    vals.addAll(l);
                } else {
                    vals.add(v);
                }
                if (vals.isEmpty() || vals.stream().anyMatch(java.util.Objects::isNull)) {
                    problems.add(scope + "." + name + ": give one or more values, no null");
                } else {
                    p.put(name, vals);
                }
            });
            out.put(scope, p);
        });
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("sweep file " + file + ": " + String.join("; ", problems));
        }
        return new Sweep(out);
    }

    /** This sweep with {@code other}'s values added (its values for a parameter replace this one's). */
    public Sweep and(Sweep other) {
        Map<String, Map<String, List<Object>>> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, new LinkedHashMap<>(v)));
        other.values.forEach((k, v) -> out.computeIfAbsent(k, x -> new LinkedHashMap<>()).putAll(v));
        return new Sweep(out);
    }

    /** Every problem of this sweep for these methods: unknown method ids, parameters no method declares, values out of a domain. */
    List<String> problems(List<MethodInfo> methods) {
        List<String> problems = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        methods.forEach(m -> ids.add(m.id()));
        values.forEach((scope, params) -> {
            List<MethodInfo> targets = scope.equals(EVERY_METHOD) ? methods : methods.stream().filter(m -> m.id().equals(scope)).toList();
            if (!scope.equals(EVERY_METHOD) && targets.isEmpty()) {
                problems.add("no method '" + scope + "' in this run (its methods: " + String.join(", ", ids) + ")");
                return;
            }
            params.forEach((name, vals) -> {
                List<MethodInfo> declaring = targets.stream().filter(m -> m.parameters().stream().anyMatch(p -> p.name().equals(name))).toList();
                if (declaring.isEmpty()) {
                    Set<String> declared = new LinkedHashSet<>();
                    targets.forEach(m -> m.parameters().forEach(p -> declared.add(p.name())));
                    problems.add(scope.equals(EVERY_METHOD) ? "parameter '" + name + "' is declared by no method of this run (declared: "
                            + String.join(", ", declared) + ")" : "'" + scope + "' has no parameter '" + name + "' (its parameters: "
                            + String.join(", ", declared) + ")");
                    return;
                }
                for (MethodInfo m : declaring) {
                    for (Object v : vals) {
                        try {
                            Params.bind(m.id(), m.parameters(), Map.of(name, v));
                        } catch (InvalidParametersException e) {
                            e.problems().forEach(p -> problems.add(m.id() + ": " + p));
                        }
                    }
                }
            });
        });
        return problems;
    }

    /** The assignments for one method: the task's, each crossed with every combination of this sweep's values the method declares. */
    List<Map<String, Object>> apply(MethodInfo method, List<Map<String, Object>> taskSweep) {
        Map<String, List<Object>> mine = new LinkedHashMap<>();
        for (String scope : List.of(EVERY_METHOD, method.id())) {
            values.getOrDefault(scope, Map.of()).forEach((name, vals) -> {
                if (method.parameters().stream().anyMatch(p -> p.name().equals(name))) {
                    mine.put(name, vals);
                }
            });
        }
        if (mine.isEmpty()) {
            return taskSweep;
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> base : taskSweep) {
            List<Map<String, Object>> combos = List.of(new LinkedHashMap<>(base));
            for (Map.Entry<String, List<Object>> e : mine.entrySet()) {
                List<Map<String, Object>> next = new ArrayList<>();
                for (Map<String, Object> c : combos) {
                    for (Object v : e.getValue()) {
                        Map<String, Object> m = new LinkedHashMap<>(c);
                        m.put(e.getKey(), v);
                        next.add(m);
                    }
                }
                combos = next;
            }
            for (Map<String, Object> c : combos) {
                if (!out.contains(c)) {
                    out.add(c);
                }
            }
        }
        return out;
    }
}
