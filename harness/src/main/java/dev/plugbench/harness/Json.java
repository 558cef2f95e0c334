package dev.plugbench.harness;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.plugbench.api.MetricSpec;
import dev.plugbench.api.bench.CellResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON forms of cells and results (schema plugbench.results/2; version 1 is read too). */
final class Json {
    static final String SCHEMA = "plugbench.results/2";
    static final String SCHEMA_1 = "plugbench.results/1";
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** One line per value: the worker protocol's messages. */
    static final ObjectMapper COMPACT = new ObjectMapper();

    private Json() {
    }

    static Map<String, Object> row(CellResult c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", c.method());
        m.put("params", c.params());
        m.put("setting", c.setting());
        m.put("seed", c.seed());
        m.put("metrics", c.metrics());
        m.put("seconds", c.seconds());
        if (c.error() != null) {
            m.put("error", c.error());
        }
        if (!c.series().isEmpty()) {
            m.put("series", c.series());
        }
        return m;
    }

    @SuppressWarnings("unchecked")
    static CellResult cell(Map<String, Object> m) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        ((Map<String, Object>) m.get("metrics")).forEach((k, v) -> metrics.put(k, ((Number) v).doubleValue()));
        Map<String, double[]> series = new LinkedHashMap<>();
        if (m.get("series") instanceof Map<?, ?> s) {
            s.forEach((k, v) -> series.put((String) k, ((List<Object>) v).stream().mapToDouble(x -> ((Number) x).doubleValue()).toArray()));
        }
        return new CellResult((String) m.get("method"), (Map<String, Object>) m.get("params"), (String) m.get("setting"),
                ((Number) m.get("seed")).longValue(), metrics, ((Number) m.get("seconds")).doubleValue(), (String) m.get("error"), series);
    }

    static Map<String, Object> results(TaskResult r, StatisticsOptions options) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema", SCHEMA);
        m.put("family", r.family());
        m.put("task", r.task());
        m.put("description", r.description());
        m.put("quick", r.quick());
        m.put("seeds", r.seeds());
        m.put("metrics", r.metrics().stream().map(Json::metric).toList());
        Map<String, Object> own = new java.util.TreeMap<>();
        r.methodMetrics().forEach((k, v) -> own.put(k, v.stream().map(Json::metric).toList()));
        m.put("method_metrics", own);
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("test", options.test() == dev.plugbench.harness.stats.PairedTest.T ? "t" : "wilcoxon");
        stats.put("alpha", options.alpha());
        options.reference().ifPresent(ref -> stats.put("reference", ref));
        m.put("statistics", stats);
        m.put("provenance", r.provenance());
        List<Map<String, Object>> rows = new ArrayList<>();
        r.rows().forEach(c -> rows.add(row(c)));
        m.put("rows", rows);
        List<Map<String, Object>> summary = new ArrayList<>();
        for (SummaryRow s : r.summary()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("method", s.method());
            e.put("params", s.params());
            e.put("setting", s.setting());
            Map<String, Object> metrics = new LinkedHashMap<>();
            s.metrics().forEach((k, v) -> metrics.put(k, Map.of("mean", v.mean(), "stderr", v.stderr(), "n", v.n())));
            e.put("metrics", metrics);
            e.put("failed", s.failed());
            summary.add(e);
        }
        m.put("summary", summary);
        return m;
    }

    static Map<String, Object> metric(MetricSpec spec) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", spec.name());
        m.put("direction", spec.direction().name().toLowerCase(java.util.Locale.ROOT));
        if (spec.direction() == MetricSpec.Direction.TARGET) {
            m.put("target", spec.target());
        }
        m.put("description", spec.description());
        return m;
    }

    static MetricSpec metric(Map<String, Object> m) {
        MetricSpec.Direction d = MetricSpec.Direction.valueOf(((String) m.get("direction")).toUpperCase(java.util.Locale.ROOT));
        double target = m.get("target") instanceof Number n ? n.doubleValue() : Double.NaN;
        return new MetricSpec((String) m.get("name"), d, target, (String) m.get("description"));
    }

    /**
     * A task's results read back from its results.json (schema 2, or 1: then {@code knownMetrics}
     * gives the metrics' directions, as the task on this host declares them, or every metric is
     * descriptive when the task is not on this host).
     */
    static TaskResult taskResult(Path file, java.util.function.BiFunction<String, String, List<MetricSpec>> knownMetrics) throws IOException {
        return taskResult(read(file), file, knownMetrics);
    }

    /** As {@link #taskResult(Path, java.util.function.BiFunction)}, from the file's content already read. */
    @SuppressWarnings("unchecked")
    static TaskResult taskResult(Map<String, Object> m, Path file, java.util.function.BiFunction<String, String, List<MetricSpec>> knownMetrics)
            throws IOException {
        Object schema = m.get("schema");
        if (!SCHEMA.equals(schema) && !SCHEMA_1.equals(schema)) {
            throw new IOException(file + " is not a Plugbench results file (its schema is " + schema + ", not " + SCHEMA + " or " + SCHEMA_1 + ")");
        }
        String family = (String) m.get("family");
        String task = (String) m.get("task");
        List<CellResult> rows = new ArrayList<>();
        ((List<Map<String, Object>>) m.get("rows")).forEach(r -> rows.add(cell(r)));
        List<MetricSpec> metrics = new ArrayList<>();
        Map<String, List<MetricSpec>> own = new LinkedHashMap<>();
        if (m.get("metrics") instanceof List<?> list) {
            list.forEach(x -> metrics.add(metric((Map<String, Object>) x)));
            ((Map<String, List<Map<String, Object>>>) m.getOrDefault("method_metrics", Map.of()))
                    .forEach((k, v) -> own.put(k, v.stream().map(Json::metric).toList()));
        } else {
            List<MetricSpec> known = knownMetrics.apply(family, task);
            if (known != null) {
                metrics.addAll(known);
            } else {
                java.util.Set<String> names = new java.util.LinkedHashSet<>();
                rows.forEach(c -> names.addAll(c.metrics().keySet()));
                names.forEach(n -> metrics.add(MetricSpec.descriptive(n, "(direction unknown: a version-1 results file of a task not on this host)")));
            }
        }
        List<Long> seeds = ((List<Number>) m.get("seeds")).stream().map(Number::longValue).toList();
        return new TaskResult(family, task, Boolean.TRUE.equals(m.get("quick")), seeds, (Map<String, Object>) m.get("provenance"), rows,
                Summaries.of(rows, metrics), file.getParent(), own, metrics, (String) m.getOrDefault("description", family + " / " + task));
    }

    static byte[] bytes(Object o) throws IOException {
        return MAPPER.writeValueAsBytes(o);
    }

    static Map<String, Object> read(Path file) throws IOException {
        return MAPPER.readValue(file.toFile(), new TypeReference<Map<String, Object>>() {
        });
    }
}
