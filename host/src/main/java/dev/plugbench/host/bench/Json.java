package dev.plugbench.host.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.plugbench.api.bench.CellResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON forms of cells and results (schema plugbench.results/1). */
final class Json {
    static final String SCHEMA = "plugbench.results/1";
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

    static Map<String, Object> results(TaskResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema", SCHEMA);
        m.put("family", r.family());
        m.put("task", r.task());
        m.put("quick", r.quick());
        m.put("seeds", r.seeds());
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

    static byte[] bytes(Object o) throws IOException {
        return MAPPER.writeValueAsBytes(o);
    }

    static Map<String, Object> read(Path file) throws IOException {
        return MAPPER.readValue(file.toFile(), new TypeReference<Map<String, Object>>() {
        });
    }
}
