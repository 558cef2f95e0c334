package dev.plugbench.harness;

import dev.plugbench.api.MetricSpec;
import dev.plugbench.api.bench.CellResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The interactive reports: {@code report.html} per task and {@code index.html} per run. Each page is
 * one self-contained file that opens offline: ECharts (from its webjar), the page's script and style,
 * its data as JSON, and the task's PNG plots as data URIs are all inside it.
 */
final class HtmlReport {
    private static final String ECHARTS = "META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";
    private static volatile String echarts;

    private HtmlReport() {
    }

    /** The task's page: sortable tables with the paired tests' marks, per-metric charts with per-seed points, the task's plots, failures, provenance. */
    static String task(TaskResult r, List<Comparisons.MetricComparison> comparisons, StatisticsOptions options, List<Path> plots) throws IOException {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("kind", "task");
        d.put("title", r.family() + " / " + r.task() + (r.quick() ? " (quick)" : ""));
        d.put("description", r.description());
        d.put("seeds", r.seeds());
        List<Map<String, Object>> metrics = new ArrayList<>();
        for (MetricSpec m : r.metrics()) {
            if (r.rows().stream().anyMatch(c -> c.metrics().containsKey(m.name()))) {
                metrics.add(ordered("name", m.name(), "label", m.directionLabel(), "description", m.description()));
            }
        }
        d.put("metrics", metrics);
        List<Map<String, Object>> own = new ArrayList<>();
        new java.util.TreeMap<>(r.methodMetrics()).forEach((method, specs) -> specs.forEach(m -> own.add(ordered("method", method, "name", m.name(), "label", m.directionLabel()))));
        d.put("ownColumns", own);
        Set<String> settings = new LinkedHashSet<>();
        r.summary().forEach(s -> settings.add(s.setting()));
        d.put("settings", List.copyOf(settings));
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<String, String> labels = Comparisons.shortLabels(r.rows());
        Map<String, List<CellResult>> cellsOf = new LinkedHashMap<>();
        r.rows().stream().filter(c -> !c.failed()).forEach(c -> cellsOf.computeIfAbsent(Comparisons.variant(c.method(), c.params()) + "\u0000"
                + c.setting(), k -> new ArrayList<>()).add(c));
        for (SummaryRow s : r.summary()) {
            String variant = Comparisons.variant(s.method(), s.params());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("method", s.method());
            row.put("variant", variant);
            row.put("label", labels.getOrDefault(variant, variant));
            row.put("version", Report.version(r, s.method()));
            row.put("params", Report.paramsLabel(s.params()));
            row.put("setting", s.setting());
            row.put("failed", s.failed());
            Map<String, Object> cells = new LinkedHashMap<>();
            Map<String, Object> values = new LinkedHashMap<>();
            s.metrics().forEach((name, m) -> {
                Map<String, Object> cell = new LinkedHashMap<>();
                cell.put("mean", finite(m.mean()));
                cell.put("se", finite(m.stderr()));
                cell.put("n", m.n());
                cell.put("text", Numbers.meanStderr(m.mean(), m.stderr()));
                cell.put("mark", Comparisons.mark(Comparisons.find(comparisons, s.setting(), name), variant));
                cells.put(name, cell);
                List<List<Object>> points = new ArrayList<>();
                for (CellResult c : cellsOf.getOrDefault(variant + "\u0000" + s.setting(), List.of())) {
                    if (c.metrics().containsKey(name)) {
                        points.add(List.of(c.seed(), finite(c.metrics().get(name))));
                    }
                }
                values.put(name, points);
            });
            row.put("metrics", cells);
            row.put("values", values);
            rows.add(row);
        }
        d.put("rows", rows);
        d.put("legend", Report.legend(comparisons, options).strip().replace("**bold**", "bold (green)").replace("≈:", "≈ (yellow):"));
        List<Map<String, Object>> paired = new ArrayList<>();
        for (Comparisons.MetricComparison mc : comparisons) {
            for (Comparisons.Outcome o : mc.outcomes().values()) {
                var diff = o.difference();
                double sign = mc.metric().direction() == MetricSpec.Direction.HIGHER ? -1 : 1;
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("setting", mc.setting());
                p.put("metric", mc.metric().name());
                p.put("reference", labels.getOrDefault(mc.reference(), mc.reference()));
                p.put("variant", labels.getOrDefault(o.variant(), o.variant()));
                p.put("n", diff.n());
                p.put("difference", finite(sign * diff.mean()));
                p.put("differenceText", Numbers.value(sign * diff.mean()));
                p.put("interval", Double.isNaN(diff.low()) ? "-" : "[" + Numbers.value(sign > 0 ? diff.low() : -diff.high()) + ", "
                        + Numbers.value(sign > 0 ? diff.high() : -diff.low()) + "]");
                p.put("p", o.adjustedP());
                p.put("pText", Numbers.p(o.adjustedP()));
                p.put("verdict", o.verdict().label());
                paired.add(p);
            }
        }
        d.put("paired", paired);
        d.put("pairedNote", "Each row against the reference of its setting and metric (" + options.reference().orElse("the best mean")
                + ") over the seeds both completed: the mean difference (row minus reference; for a closest-to-target metric, of the distances "
                + "to the target), its 95% t interval, and the p-value of the " + options.test().label() + ", Holm-corrected across the rows "
                + "of the setting and metric.");
        List<Map<String, Object>> images = new ArrayList<>();
        for (Path p : plots) {
            Path file = r.directory().resolve(p);
            if (Files.isRegularFile(file)) {
                images.add(ordered("name", p.toString(), "src", "data:image/png;base64," + Base64.getEncoder().encodeToString(Files.readAllBytes(file))));
            }
        }
        d.put("plots", images);
        List<Map<String, Object>> failed = new ArrayList<>();
        r.rows().stream().filter(CellResult::failed).forEach(c -> failed.add(ordered("method", c.method(), "params", Report.paramsLabel(c.params()),
                "setting", c.setting(), "seed", c.seed(), "error", String.valueOf(c.error()))));
        d.put("failed", failed);
        d.put("provenance", r.provenance());
        return page((String) d.get("title"), d);
    }

    /** The run's page: every task with a link to its report, and each family's ranking with its critical-difference diagram. */
    static String index(String title, Path dir, List<TaskResult> results, List<FamilyRanking.Ranking> rankings, StatisticsOptions options)
            throws IOException {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("kind", "index");
        d.put("title", title);
        d.put("lead", results.size() + " tasks; each links to its interactive report (report.md, results.csv and results.json sit beside it).");
        List<Map<String, Object>> tasks = new ArrayList<>();
        for (TaskResult r : results) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("family", r.family());
            t.put("task", r.task());
            t.put("href", Reports.relative(dir, r.directory().resolve("report.html")));
            t.put("quick", r.quick());
            t.put("seeds", r.seeds().size());
            t.put("cells", r.rows().size());
            t.put("failed", r.rows().stream().filter(CellResult::failed).count());
            t.put("description", r.description());
            tasks.add(t);
        }
        d.put("tasks", tasks);
        d.put("alpha", options.alpha());
        d.put("rankingNote", "Demšar (2006): per ranked metric, the blocks are a family's task x setting pairs; each method's rank in a block comes "
                + "from its mean over seeds; the Friedman test asks whether the average ranks differ, and two methods whose average ranks differ "
                + "by less than Nemenyi's critical difference (CD, alpha " + options.alpha() + ") are not told apart: the diagram joins them.");
        List<Map<String, Object>> ranks = new ArrayList<>();
        for (FamilyRanking.Ranking r : rankings) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("family", r.family());
            m.put("metric", r.metric().name());
            m.put("label", r.metric().directionLabel());
            m.put("blocks", r.blocks());
            m.put("variants", r.variants());
            m.put("ranks", r.averageRanks());
            m.put("note", r.note());
            if (r.friedman() != null) {
                m.put("friedman", ordered("statistic", r.friedman().statistic(), "p", r.friedman().pValue(), "pText", Numbers.p(r.friedman().pValue())));
                m.put("cd", r.cd());
            }
            ranks.add(m);
        }
        d.put("rankings", ranks);
        return page(title, d);
    }

    /** A map of the given keys and values in that order (Map.of's order changes from one JVM to the next, and the page would with it). */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    private static Object finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static String page(String title, Map<String, Object> data) throws IOException {
        String json = Json.COMPACT.writeValueAsString(data).replace("</", "<\\/").replace("<!--", "<\\!--");
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + escape(title) + "</title>\n<style>\n" + resource("html/report.css") + "</style>\n"
                + "<script>\n" + echarts() + "\n</script>\n</head>\n<body>\n<div id=\"app\"></div>\n"
                + "<script type=\"application/json\" id=\"plugbench-data\">" + json + "</script>\n"
                + "<script>\n" + resource("html/report.js") + "</script>\n</body>\n</html>\n";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String echarts() {
        String e = echarts;
        if (e == null) {
            try (InputStream in = HtmlReport.class.getClassLoader().getResourceAsStream(ECHARTS)) {
                if (in == null) {
                    throw new IllegalStateException("ECharts (" + ECHARTS + ") is not on the class path: the host needs org.webjars.npm:echarts");
                }
                e = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("</script", "<\\/script");
            } catch (IOException x) {
                throw new UncheckedIOException(x);
            }
            echarts = e;
        }
        return e;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
