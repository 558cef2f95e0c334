package dev.plugbench.harness;

import dev.plugbench.api.MetricSpec;
import dev.plugbench.api.bench.CellResult;
import dev.plugbench.harness.stats.PairedDifference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/**
 * Two runs side by side (two plugin versions, two commits, two machines): for every task both ran,
 * each (method, params, setting) and metric, the paired difference B - A over the seeds both
 * completed, its 95% interval, a p-value Holm-corrected across the rows of the task's metric, and a
 * verdict: better or worse for a ranked metric, higher or lower for a descriptive one, within noise,
 * identical, or too few seeds. {@link #regressions} is what a CI gate fails on.
 *
 * <pre>{@code
 * RunComparison c = RunComparison.of(Path.of("v1"), Path.of("v2"), StatisticsOptions.DEFAULT);
 * if (!c.regressions(Optional.empty()).isEmpty()) { ... }
 * }</pre>
 */
public final class RunComparison {
    /** What a change from A to B is, by the paired test. */
    public enum Verdict {
        BETTER("better"), WORSE("worse"), HIGHER("higher"), LOWER("lower"), WITHIN_NOISE("within noise"), IDENTICAL("identical"),
        TOO_FEW_SEEDS("too few seeds");

        private final String label;

        Verdict(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * One (task, method, params, setting, metric) in both runs.
     *
     * @param difference B - A seed by seed, in the metric's units
     * @param meanA      mean over the paired seeds in A
     * @param meanB      mean over the paired seeds in B
     * @param adjustedP  Holm-corrected across the task's rows of this metric
     * @param versionA   the method's plugin version in A
     * @param versionB   the method's plugin version in B
     * @param params     the method's parameters in this row ({@code variant} is their short label)
     */
    public record Row(String family, String task, String method, String variant, String setting, MetricSpec metric, PairedDifference difference,
                      double meanA, double meanB, double adjustedP, Verdict verdict, String versionA, String versionB, Map<String, Object> params) {
        /** One line: where, the means before and after, the corrected p-value and the plugin versions. */
        public String describe() {
            return family + "/" + task + " " + variant + " [" + setting + "] " + metric.name() + ": " + Numbers.value(meanA) + " -> "
                    + Numbers.value(meanB) + " (Holm-corrected p " + Numbers.p(adjustedP) + ", plugin " + versionA + " -> " + versionB + ")";
        }
    }

    private final List<Row> rows;
    private final List<String> unmatched;
    private final StatisticsOptions options;

    private RunComparison(List<Row> rows, List<String> unmatched, StatisticsOptions options) {
        this.rows = List.copyOf(rows);
        this.unmatched = List.copyOf(unmatched);
        this.options = options;
    }

    /** This comparison restricted to the rows of these methods (a reloaded plugin's, in watch mode). */
    public RunComparison only(Set<String> methods) {
        return new RunComparison(rows.stream().filter(r -> methods.contains(r.method())).toList(),
                unmatched.stream().filter(u -> methods.stream().anyMatch(m -> u.contains(" " + m))).toList(), options);
    }

    /** Every compared row. */
    public List<Row> rows() {
        return rows;
    }

    /** Tasks, methods and settings found in one run only, one line each. */
    public List<String> unmatched() {
        return unmatched;
    }

    /**
     * The rows that got significantly worse: of every ranked metric, or of {@code metric} only.
     *
     * @throws IllegalArgumentException when the metric is in neither run or is descriptive (no value is worse)
     */
    public List<Row> regressions(java.util.Optional<String> metric) {
        if (metric.isPresent()) {
            List<Row> named = rows.stream().filter(r -> r.metric().name().equals(metric.get())).toList();
            if (named.isEmpty()) {
                Set<String> known = new java.util.TreeSet<>();
                rows.forEach(r -> known.add(r.metric().name()));
                throw new IllegalArgumentException("no metric '" + metric.get() + "' in both runs; their metrics: " + known);
            }
            if (!named.get(0).metric().ranked()) {
                throw new IllegalArgumentException("metric '" + metric.get() + "' is descriptive: no value of it is worse than another, "
                        + "so it cannot gate (timings are descriptive: one measurement per cell on a shared machine)");
            }
            return named.stream().filter(r -> r.verdict() == Verdict.WORSE).toList();
        }
        return rows.stream().filter(r -> r.verdict() == Verdict.WORSE).toList();
    }

    /** Compares run B against run A: each a results.json, a task folder, or a folder holding task or family folders. */
    public static RunComparison of(Path a, Path b, StatisticsOptions options) {
        return of(a, b, options, TaskRegistry.classpathMetrics());
    }

    /** As {@link #of(Path, Path, StatisticsOptions)}; {@code knownMetrics} gives the metrics of version-1 results files by (family, task). */
    public static RunComparison of(Path a, Path b, StatisticsOptions options, BiFunction<String, String, List<MetricSpec>> knownMetrics) {
        Map<String, TaskResult> runA = load(a, knownMetrics);
        Map<String, TaskResult> runB = load(b, knownMetrics);
        List<Row> rows = new ArrayList<>();
        List<String> unmatched = new ArrayList<>();
        runA.keySet().stream().filter(k -> !runB.containsKey(k)).forEach(k -> unmatched.add("task " + k + ": only in A"));
        runB.keySet().stream().filter(k -> !runA.containsKey(k)).forEach(k -> unmatched.add("task " + k + ": only in B"));
        for (Map.Entry<String, TaskResult> e : runA.entrySet()) {
            TaskResult rb = runB.get(e.getKey());
            if (rb != null) {
                compareTask(e.getValue(), rb, options, rows, unmatched);
            }
        }
        if (rows.isEmpty() && unmatched.isEmpty()) {
            throw new IllegalArgumentException("the two runs share no task with results: " + a + " and " + b);
        }
        return new RunComparison(rows, unmatched, options);
    }

    /**
     * Compares two results of the same task (B against A) as {@link #of(Path, Path, StatisticsOptions)} compares each task two
     * folders share: for a caller that holds the results already (the results index rebuilds them from its database, with only
     * the metrics it asks about).
     *
     * @throws IllegalArgumentException when they are results of different tasks
     */
    public static RunComparison of(TaskResult a, TaskResult b, StatisticsOptions options) {
        if (!a.family().equals(b.family()) || !a.task().equals(b.task())) {
            throw new IllegalArgumentException("results of two tasks (" + a.family() + "/" + a.task() + " and " + b.family() + "/" + b.task()
                    + "): compare results of the same task");
        }
        List<Row> rows = new ArrayList<>();
        List<String> unmatched = new ArrayList<>();
        compareTask(a, b, options, rows, unmatched);
        return new RunComparison(rows, unmatched, options);
    }

    private static void compareTask(TaskResult a, TaskResult b, StatisticsOptions options, List<Row> out, List<String> unmatched) {
        Map<String, Map<Long, CellResult>> cellsA = bySeed(a);
        Map<String, Map<Long, CellResult>> cellsB = bySeed(b);
        String where = a.family() + "/" + a.task();
        cellsA.keySet().stream().filter(k -> !cellsB.containsKey(k)).forEach(k -> unmatched.add(where + " " + k.replace("\u0000", ", setting ") + ": only in A"));
        cellsB.keySet().stream().filter(k -> !cellsA.containsKey(k)).forEach(k -> unmatched.add(where + " " + k.replace("\u0000", ", setting ") + ": only in B"));
        List<MetricSpec> metrics = new ArrayList<>(b.metrics());
        b.methodMetrics().values().forEach(metrics::addAll);
        Map<String, String> labels = Comparisons.shortLabels(java.util.stream.Stream.concat(a.rows().stream(), b.rows().stream()).toList());
        for (MetricSpec spec : metrics) {
            List<Row> pending = new ArrayList<>();
            for (Map.Entry<String, Map<Long, CellResult>> e : cellsA.entrySet()) {
                Map<Long, CellResult> other = cellsB.get(e.getKey());
                if (other == null) {
                    continue;
                }
                List<double[]> pairs = new ArrayList<>();
                for (Map.Entry<Long, CellResult> c : e.getValue().entrySet()) {
                    CellResult cb = other.get(c.getKey());
                    if (cb != null && c.getValue().metrics().containsKey(spec.name()) && cb.metrics().containsKey(spec.name())) {
                        pairs.add(new double[] {c.getValue().metrics().get(spec.name()), cb.metrics().get(spec.name())});
                    }
                }
                if (pairs.isEmpty()) {
                    continue;
                }
                double[] d = pairs.stream().mapToDouble(p -> p[1] - p[0]).toArray();
                double meanA = pairs.stream().mapToDouble(p -> p[0]).average().orElseThrow();
                double meanB = pairs.stream().mapToDouble(p -> p[1]).average().orElseThrow();
                CellResult any = e.getValue().values().iterator().next();
                pending.add(new Row(a.family(), a.task(), any.method(), labels.get(Comparisons.variant(any.method(), any.params())), any.setting(), spec,
                        PairedDifference.of(d, options.test()), meanA, meanB, Double.NaN, null, Report.version(a, any.method()), Report.version(b, any.method()),
                        any.params()));
            }
            double[] adjusted = Comparisons.holmOverInformative(pending.stream().map(Row::difference).toList());
            long informative = pending.stream().filter(r -> !r.difference().identical()).count();
            int needed = options.test().minimumPairs(options.alpha() / Math.max(1, informative));
            for (int i = 0; i < pending.size(); i++) {
                Row r = pending.get(i);
                PairedDifference d = r.difference();
                boolean worse = spec.ranked() && spec.loss(r.meanB()) > spec.loss(r.meanA());
                Verdict v = d.identical() ? Verdict.IDENTICAL : d.n() < needed ? Verdict.TOO_FEW_SEEDS : adjusted[i] >= options.alpha() ? Verdict.WITHIN_NOISE
                        : !spec.ranked() ? (d.mean() > 0 ? Verdict.HIGHER : Verdict.LOWER) : worse ? Verdict.WORSE : Verdict.BETTER;
                out.add(new Row(r.family(), r.task(), r.method(), r.variant(), r.setting(), spec, d, r.meanA(), r.meanB(), adjusted[i], v, r.versionA(), r.versionB(),
                        r.params()));
            }
        }
    }

    /** (variant, setting) -> seed -> the successful cell. */
    private static Map<String, Map<Long, CellResult>> bySeed(TaskResult r) {
        Map<String, Map<Long, CellResult>> out = new LinkedHashMap<>();
        for (CellResult c : r.rows()) {
            if (!c.failed()) {
                out.computeIfAbsent(Comparisons.variant(c.method(), c.params()) + "\u0000" + c.setting(), k -> new TreeMap<>()).put(c.seed(), c);
            }
        }
        return out;
    }

    /** The results files under {@code path}, by "family/task". */
    static Map<String, TaskResult> load(Path path, BiFunction<String, String, List<MetricSpec>> knownMetrics) {
        Objects.requireNonNull(path, "path is null");
        if (!Files.exists(path)) {
            throw new IllegalArgumentException(path + " does not exist: give a results.json file or a results folder (bench --out)");
        }
        List<Path> files;
        if (Files.isRegularFile(path)) {
            files = List.of(path);
        } else {
            try (Stream<Path> walk = Files.walk(path, 4)) {
                files = walk.filter(p -> p.getFileName().toString().equals("results.json") && !p.toString().contains("/cells/")).sorted().toList();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + path, e);
            }
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException(path + " holds no results.json: give a folder a bench or demo run wrote (its --out), or a results.json");
        }
        Map<String, TaskResult> out = new LinkedHashMap<>();
        for (Path f : files) {
            try {
                TaskResult r = Json.taskResult(f, knownMetrics);
                TaskResult twice = out.put(r.family() + "/" + r.task(), r);
                if (twice != null) {
                    throw new IllegalArgumentException(path + " holds two results of " + r.family() + "/" + r.task() + " (" + twice.directory() + " and "
                            + r.directory() + "): give each run's own folder");
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read " + f + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                if (e instanceof IllegalArgumentException) {
                    throw e;
                }
                throw new IllegalArgumentException(f + " is not a valid results file (" + e + "): was it written by plugbench bench?", e);
            }
        }
        return out;
    }

    /** The comparison as markdown: per task, the rows that are not identical, and a count of each verdict. */
    public String markdown() {
        StringBuilder sb = new StringBuilder();
        Map<Verdict, Integer> counts = new java.util.EnumMap<>(Verdict.class);
        rows.forEach(r -> counts.merge(r.verdict(), 1, Integer::sum));
        sb.append("Comparison of B against A: paired over the seeds both completed, ").append(options.test().label())
                .append(", Holm-corrected across each task's rows of a metric that changed, alpha ").append(options.alpha()).append(".\n");
        sb.append(counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().label()).reduce((x, y) -> x + ", " + y).orElse("nothing compared"))
                .append(".\n");
        Set<String> tasks = new LinkedHashSet<>();
        rows.forEach(r -> tasks.add(r.family() + "/" + r.task()));
        for (String task : tasks) {
            List<Row> shown = rows.stream().filter(r -> (r.family() + "/" + r.task()).equals(task) && r.verdict() != Verdict.IDENTICAL).toList();
            long identical = rows.stream().filter(r -> (r.family() + "/" + r.task()).equals(task) && r.verdict() == Verdict.IDENTICAL).count();
            sb.append("\n## ").append(task).append("\n\n");
            if (identical > 0) {
                sb.append(identical).append(" rows identical in every paired seed (not listed).\n\n");
            }
            if (shown.isEmpty()) {
                continue;
            }
            sb.append("| metric | method | setting | versions | seeds | A | B | B - A [95% CI] | p (Holm) | verdict |\n|---|---|---|---|---|---|---|---|---|---|\n");
            for (Row r : shown) {
                PairedDifference d = r.difference();
                String versions = r.versionA().equals(r.versionB()) ? r.versionA() : r.versionA() + " -> " + r.versionB();
                String diff = Numbers.value(d.mean()) + (Double.isNaN(d.low()) ? "" : " [" + Numbers.value(d.low()) + ", " + Numbers.value(d.high()) + "]");
                String verdict = r.verdict() == Verdict.BETTER || r.verdict() == Verdict.WORSE ? "**" + r.verdict().label() + "**" : r.verdict().label();
                sb.append("| ").append(r.metric().name()).append(" | ").append(r.variant()).append(" | ").append(r.setting()).append(" | ").append(versions)
                        .append(" | ").append(d.n()).append(" | ").append(Numbers.value(r.meanA())).append(" | ").append(Numbers.value(r.meanB()))
                        .append(" | ").append(diff).append(" | ").append(Numbers.p(r.adjustedP())).append(" | ").append(verdict).append(" |\n");
            }
        }
        if (!unmatched.isEmpty()) {
            sb.append("\nIn one run only:\n\n");
            unmatched.forEach(u -> sb.append("- ").append(u).append('\n'));
        }
        return sb.toString();
    }
}
