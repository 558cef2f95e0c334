package dev.plugbench.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which rule a service fits: an lwa task, seed and scale, a cost setting, and per method the
 * parameters (none: the task's own, as {@code bench} gives them) and the cell's figures the
 * served decisions must reproduce (none when the rule is fitted fresh).
 *
 * @param task     an lwa task ({@code digits-binary}, ...)
 * @param seed     the seed of the split, the client and the rule
 * @param quick    the task's quick scale
 * @param setting  the cost setting's name ({@code ce=0.1,c1=1}); empty: the task's first
 * @param params   per method, the parameters to fit with (a stored cell's); a method not named gets the task's
 * @param expected per method, the stored cell's metrics (system_accuracy, reject_rate, ...)
 * @param origin   where it came from, one line (a results file's path, or "fitted at start")
 */
public record RuleSource(String task, long seed, boolean quick, Optional<String> setting, Map<String, Map<String, Object>> params,
                         Map<String, Map<String, Double>> expected, String origin) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public RuleSource {
        Objects.requireNonNull(task, "task is null");
        Objects.requireNonNull(setting, "setting is null");
        params = Map.copyOf(params);
        expected = Map.copyOf(expected);
    }

    /** A rule fitted at start on {@code task}'s split for {@code seed}, with the task's parameters. */
    public static RuleSource fitted(String task, long seed, boolean quick, Optional<String> setting) {
        return new RuleSource(task, seed, quick, setting, Map.of(), Map.of(), "fitted at start on " + task + (quick ? " (quick)" : "") + ", seed " + seed);
    }

    /**
     * The rules of stored benchmark cells: for each method, the cell of {@code results} (an lwa task's results.json) at
     * {@code setting} and {@code seed}, refitted with its parameters (fitting is deterministic in the seed), and the cell's
     * metrics to check the served decisions against.
     *
     * @throws IllegalArgumentException when the file is not an lwa task's results, or has no successful cell of a method there
     */
    public static RuleSource cells(Path results, List<String> methods, Optional<String> setting, long seed) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(results));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + results + ": " + e.getMessage()
                    + " (give a task's results.json, e.g. bench-results/digits-binary/results.json)", e);
        }
        if (root == null || !"lwa".equals(root.path("family").asText()) || !root.has("rows")) {
            throw new IllegalArgumentException(results + " is not the results.json of an lwa task (family: '" + (root == null ? "" : root.path("family").asText())
                    + "'): give one written by 'plugbench bench lwa'");
        }
        String task = root.path("task").asText();
        boolean quick = root.path("quick").asBoolean();
        String chosen = setting.orElse(null);
        Map<String, Map<String, Object>> params = new LinkedHashMap<>();
        Map<String, Map<String, Double>> expected = new LinkedHashMap<>();
        for (String method : methods) {
            JsonNode cell = null;
            for (JsonNode row : root.get("rows")) {
                if (row.path("method").asText().equals(method) && row.path("seed").asLong() == seed && !row.has("error")
                        && (chosen == null || row.path("setting").asText().equals(chosen))) {
                    cell = row;
                    break;
                }
            }
            if (cell == null) {
                throw new IllegalArgumentException(results + " has no successful cell of method '" + method + "' at seed " + seed
                        + (chosen == null ? "" : " and setting '" + chosen + "'") + "; run 'plugbench bench lwa --task " + task
                        + " --methods " + method + "' or give another --seed/--setting");
            }
            chosen = cell.path("setting").asText();
            params.put(method, JSON.convertValue(cell.path("params"), JSON.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, Object.class)));
            Map<String, Double> metrics = new LinkedHashMap<>();
            cell.path("metrics").fields().forEachRemaining(e -> metrics.put(e.getKey(), e.getValue().asDouble()));
            expected.put(method, metrics);
        }
        return new RuleSource(task, seed, quick, Optional.ofNullable(chosen), params, expected, results.toAbsolutePath().normalize().toString());
    }
}
