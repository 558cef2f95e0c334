package dev.plugbench.results;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the index keeps of one {@code results.json} (schema {@code plugbench.results/1} or {@code /2},
 * sdk-docs/harness.md): the task, its metrics with their directions, the provenance and every cell
 * with every metric value. The file's {@code summary} is skipped while reading (the index computes
 * means from the cells), which halves the parse of a large file.
 */
record ResultsFile(String family, String task, boolean quick, String description, int seeds, String statisticsTest, double alpha,
                   JsonNode provenance, List<Metric> metrics, List<Cell> cells) {
    static final ObjectMapper MAPPER = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .configure(JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS, true);

    /** A metric of the task ({@code method} empty) or one a method declares itself. */
    record Metric(String method, String name, String direction, Double target, String description) {
    }

    /** One cell: its method, parameters (a JSON object, keys sorted), setting, seed, seconds, error (null when it succeeded) and values. */
    record Cell(String method, String params, String setting, long seed, Double seconds, String error, Map<String, Double> values) {
    }

    /**
     * Reads a results file.
     *
     * @throws IOException when it cannot be read or is not a Plugbench results file (the message says which and why)
     */
    static ResultsFile read(Path file) throws IOException {
        Map<String, JsonNode> top = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(file); JsonParser p = MAPPER.getFactory().createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException(file + " is not a JSON object");
            }
            for (JsonToken t; (t = p.nextToken()) == JsonToken.FIELD_NAME; ) {
                String name = p.currentName();
                p.nextToken();
                if (name.equals("summary")) {
                    p.skipChildren();
                } else {
                    top.put(name, MAPPER.readTree(p));
                }
            }
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException(file + " is not valid JSON (" + e.getOriginalMessage() + "): a file still being written by a tool that does not "
                    + "rename, or a damaged one; the next index reads it again", e);
        }
        String schema = text(top, "schema");
        if (schema == null || !schema.startsWith("plugbench.results/")) {
            throw new IOException(file + " has schema " + schema + ", not plugbench.results/1 or /2: only files written by plugbench bench are indexed");
        }
        String family = text(top, "family");
        String task = text(top, "task");
        if (family == null || task == null || !top.containsKey("rows")) {
            throw new IOException(file + " lacks family, task or rows: it is not a complete results file");
        }
        List<Metric> metrics = new ArrayList<>();
        top.getOrDefault("metrics", MissingNode.getInstance()).forEach(m -> metrics.add(metric("", m)));
        top.getOrDefault("method_metrics", MissingNode.getInstance()).fields()
                .forEachRemaining(e -> e.getValue().forEach(m -> metrics.add(metric(e.getKey(), m))));
        List<Cell> cells = new ArrayList<>();
        for (JsonNode r : top.get("rows")) {
            Map<String, Double> values = new LinkedHashMap<>();
            r.path("metrics").fields().forEachRemaining(e -> values.put(e.getKey(), number(e.getValue())));
            Map<String, Object> params = new TreeMap<>(MAPPER.convertValue(r.path("params"), Map.class));
            cells.add(new Cell(r.path("method").asText(), MAPPER.writeValueAsString(params), r.path("setting").asText(), r.path("seed").asLong(),
                    r.has("seconds") ? number(r.get("seconds")) : null, r.hasNonNull("error") ? r.get("error").asText() : null, values));
        }
        JsonNode statistics = top.getOrDefault("statistics", MissingNode.getInstance());
        return new ResultsFile(family, task, top.getOrDefault("quick", MissingNode.getInstance()).asBoolean(), text(top, "description"),
                top.getOrDefault("seeds", MissingNode.getInstance()).size(), statistics.path("test").asText("wilcoxon"),
                statistics.path("alpha").asDouble(0.05), top.getOrDefault("provenance", MissingNode.getInstance()), metrics, cells);
    }

    private static Metric metric(String method, JsonNode m) {
        return new Metric(method, m.path("name").asText(), m.path("direction").asText("descriptive"),
                m.hasNonNull("target") ? m.get("target").asDouble() : null, m.path("description").asText(""));
    }

    /** A metric value: a number, or null for NaN, infinities and nulls (SQLite has no NaN). */
    private static Double number(JsonNode n) {
        if (n == null || !n.isNumber()) {
            return null;
        }
        double v = n.asDouble();
        return Double.isFinite(v) ? v : null;
    }

    private static String text(Map<String, JsonNode> top, String field) {
        JsonNode n = top.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }
}
