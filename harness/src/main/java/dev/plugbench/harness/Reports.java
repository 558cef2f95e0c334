package dev.plugbench.harness;

import dev.plugbench.api.MetricSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The reports of a results folder, rebuilt from its stored results: each task's report.md,
 * results.csv, metric charts and report.html, and the folder's index.html and index.md (every task,
 * and each family's ranking across its tasks). The harness writes them after a run; {@code plugbench
 * report DIR} rewrites them, for example with another test or reference method.
 */
public final class Reports {
    private Reports() {
    }

    /** Rewrites the report of every task under {@code dir} and the index; returns the tasks' folders. */
    public static List<Path> rebuild(Path dir, StatisticsOptions options) {
        Map<String, TaskResult> results = load(dir);
        List<Path> out = new ArrayList<>();
        try {
            for (TaskResult r : results.values()) {
                ResultWriter.writeReports(r, taskPlots(r), options);
                out.add(r.directory());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the reports under " + dir + ": " + e.getMessage(), e);
        }
        writeIndex(dir, results, options);
        return out;
    }

    /** Writes {@code dir}/index.html and index.md over every task's results found under {@code dir}. */
    public static Path writeIndex(Path dir, StatisticsOptions options) {
        return writeIndex(dir, load(dir), options);
    }

    private static Path writeIndex(Path dir, Map<String, TaskResult> results, StatisticsOptions options) {
        Map<String, List<TaskResult>> byFamily = new LinkedHashMap<>();
        results.values().forEach(r -> byFamily.computeIfAbsent(r.family(), k -> new ArrayList<>()).add(r));
        List<FamilyRanking.Ranking> rankings = new ArrayList<>();
        byFamily.forEach((family, rs) -> rankings.addAll(FamilyRanking.of(family, rs, options.alpha())));
        String title = "Plugbench run: " + String.join(", ", byFamily.keySet());
        try {
            AtomicFiles.write(dir.resolve("index.html"), HtmlReport.index(title, dir, List.copyOf(results.values()), rankings, options));
            StringBuilder md = new StringBuilder("# ").append(title).append("\n\n| family | task | cells | failed | report |\n|---|---|---|---|---|\n");
            for (TaskResult r : results.values()) {
                String rel = relative(dir, r.directory());
                md.append("| ").append(r.family()).append(" | ").append(r.task()).append(" | ").append(r.rows().size()).append(" | ")
                        .append(r.rows().stream().filter(c -> c.failed()).count()).append(" | [report](").append(rel).append("/report.md) |\n");
            }
            if (!rankings.isEmpty()) {
                md.append("\n## Rankings across each family's tasks\n\nDemšar (2006): blocks are task x setting pairs; Friedman test on the ranks; "
                        + "two methods whose average ranks differ by less than Nemenyi's critical difference are not told apart.\n");
                md.append(FamilyRanking.markdown(rankings, options.alpha()));
            }
            AtomicFiles.write(dir.resolve("index.md"), md.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the index of " + dir + ": " + e.getMessage(), e);
        }
        return dir.resolve("index.html");
    }

    /** {@code to} relative to {@code from}, with '/' separators: a link in an index. */
    static String relative(Path from, Path to) {
        return from.toAbsolutePath().normalize().relativize(to.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }

    private static Map<String, TaskResult> load(Path dir) {
        return RunComparison.load(dir, TaskRegistry.classpathMetrics());
    }

    /** The task's own plots: the PNG files in its folder other than the metric charts. */
    private static List<Path> taskPlots(TaskResult r) throws IOException {
        Set<String> metricCharts = r.metrics().stream().map(MetricSpec::name).map(n -> n + ".png").collect(Collectors.toSet());
        try (Stream<Path> files = Files.list(r.directory())) {
            return files.map(Path::getFileName).filter(p -> p.toString().endsWith(".png") && !metricCharts.contains(p.toString())).sorted().toList();
        }
    }
}
