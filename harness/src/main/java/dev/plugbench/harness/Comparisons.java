package dev.plugbench.harness;

import dev.plugbench.api.MetricSpec;
import dev.plugbench.api.bench.CellResult;
import dev.plugbench.harness.stats.Holm;
import dev.plugbench.harness.stats.PairedDifference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import dev.plugbench.harness.RunComparison.Verdict;

/**
 * The paired comparisons of one task's report: in each setting, for each ranked metric, every
 * (method, params) against the reference (the best mean, or the chosen method) over the seeds both
 * completed, Holm-corrected across the methods of that setting and metric.
 */
final class Comparisons {
    private Comparisons() {
    }

    /**
     * One method against the reference.
     *
     * @param variant    the row's label: method, or "method [params]"
     * @param difference loss(method) - loss(reference) seed by seed (positive: the method is worse), summarized
     * @param adjustedP  Holm-corrected p-value
     * @param verdict    better, worse, within noise, identical or too few seeds
     */
    record Outcome(String variant, PairedDifference difference, double adjustedP, Verdict verdict) {
    }

    /**
     * A setting's metric: the reference and every other row's outcome.
     *
     * @param chosen   whether the reference was chosen by the user (else: the best mean)
     * @param maxPairs the most seeds any row shares with the reference
     */
    record MetricComparison(String setting, MetricSpec metric, String reference, boolean chosen, Map<String, Outcome> outcomes, int maxPairs) {
        /** The fewest paired seeds at which some row could be significant here, after Holm's correction over the other rows. */
        int seedsNeeded(StatisticsOptions options) {
            long informative = outcomes.values().stream().filter(o -> o.verdict() != Verdict.IDENTICAL).count();
            return options.test().minimumPairs(options.alpha() / Math.max(1, informative));
        }

        /** Whether the reference is better than every other row, significantly. */
        boolean clearBest() {
            return !chosen && !outcomes.isEmpty() && outcomes.values().stream().allMatch(o -> o.verdict() == Verdict.WORSE);
        }
    }

    /**
     * How the tables mark a row's value: "best" (significantly better than every other row, or than
     * the chosen reference), "tie" (the best and the rows within noise of it, or of the reference),
     * "ref" (the chosen reference), "worse", or "" (nothing to say: descriptive, too few seeds).
     */
    static String mark(MetricComparison mc, String variant) {
        if (mc == null) {
            return "";
        }
        if (mc.reference().equals(variant)) {
            if (mc.chosen()) {
                return "ref";
            }
            return mc.clearBest() ? "best" : mc.outcomes().values().stream().anyMatch(o -> o.verdict() == Verdict.WITHIN_NOISE
                    || o.verdict() == Verdict.IDENTICAL) ? "tie" : "";
        }
        Outcome o = mc.outcomes().get(variant);
        if (o == null) {
            return "";
        }
        return switch (o.verdict()) {
            case BETTER -> "best";
            case WITHIN_NOISE, IDENTICAL -> "tie";
            case WORSE -> "worse";
            default -> "";
        };
    }

    /** The comparison of a setting's metric, or null when there is none (a descriptive metric, a single row). */
    static MetricComparison find(List<MetricComparison> comparisons, String setting, String metric) {
        return comparisons.stream().filter(c -> c.setting().equals(setting) && c.metric().name().equals(metric)).findFirst().orElse(null);
    }

    /**
     * Holm-adjusted p-values where rows whose every difference is zero (the same numbers on both
     * sides: no information, the signed-rank test has no pair left) are not counted as hypotheses;
     * they keep p = 1.
     */
    static double[] holmOverInformative(List<PairedDifference> diffs) {
        double[] p = diffs.stream().filter(d -> !d.identical()).mapToDouble(PairedDifference::pValue).toArray();
        double[] adjusted = Holm.adjust(p);
        double[] out = new double[diffs.size()];
        for (int i = 0, j = 0; i < diffs.size(); i++) {
            out[i] = diffs.get(i).identical() ? 1 : adjusted[j++];
        }
        return out;
    }

    static String variant(String method, Map<String, Object> params) {
        return params.isEmpty() ? method : method + " [" + Report.paramsLabel(params) + "]";
    }

    /**
     * Short labels for (method, params) keys: the method id alone where it runs with one parameter
     * assignment, else the method with the parameters that differ between its assignments.
     */
    static Map<String, String> shortLabels(List<CellResult> rows) {
        Map<String, List<Map<String, Object>>> byMethod = new LinkedHashMap<>();
        for (CellResult c : rows) {
            List<Map<String, Object>> seen = byMethod.computeIfAbsent(c.method(), k -> new ArrayList<>());
            if (!seen.contains(c.params())) {
                seen.add(c.params());
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        byMethod.forEach((method, assignments) -> {
            for (Map<String, Object> params : assignments) {
                if (assignments.size() == 1) {
                    out.put(variant(method, params), method);
                    continue;
                }
                Map<String, Object> differing = new LinkedHashMap<>();
                params.forEach((k, v) -> {
                    if (assignments.stream().anyMatch(o -> !java.util.Objects.equals(o.get(k), v))) {
                        differing.put(k, v);
                    }
                });
                out.put(variant(method, params), variant(method, differing));
            }
        });
        return out;
    }

    static List<MetricComparison> of(TaskResult r, List<MetricSpec> specs, StatisticsOptions options) {
        List<MetricComparison> out = new ArrayList<>();
        Set<String> settings = new LinkedHashSet<>();
        r.rows().forEach(c -> settings.add(c.setting()));
        for (String setting : settings) {
            for (MetricSpec spec : specs) {
                if (!spec.ranked()) {
                    continue;
                }
                Map<String, Map<Long, Double>> values = new LinkedHashMap<>();
                for (CellResult c : r.rows()) {
                    if (c.setting().equals(setting) && !c.failed() && c.metrics().containsKey(spec.name())) {
                        values.computeIfAbsent(variant(c.method(), c.params()), k -> new LinkedHashMap<>()).put(c.seed(), spec.loss(c.metrics().get(spec.name())));
                    }
                }
                if (values.size() >= 2) {
                    of(setting, spec, values, options).ifPresent(out::add);
                }
            }
        }
        return out;
    }

    /** The comparison of rows whose losses by seed are {@code values}; empty when the chosen reference is not among them. */
    static java.util.Optional<MetricComparison> of(String setting, MetricSpec spec, Map<String, Map<Long, Double>> values, StatisticsOptions options) {
        String reference = null;
        boolean chosen = options.reference().isPresent();
        double bestLoss = Double.POSITIVE_INFINITY;
        for (Map.Entry<String, Map<Long, Double>> e : values.entrySet()) {
            boolean candidate = !chosen || e.getKey().equals(options.reference().get()) || e.getKey().startsWith(options.reference().get() + " [");
            double loss = e.getValue().values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            if (candidate && loss < bestLoss) {
                bestLoss = loss;
                reference = e.getKey();
            }
        }
        if (reference == null) {
            return java.util.Optional.empty();
        }
        Map<Long, Double> ref = values.get(reference);
        List<String> others = new ArrayList<>();
        List<PairedDifference> diffs = new ArrayList<>();
        int maxPairs = 0;
        for (Map.Entry<String, Map<Long, Double>> e : values.entrySet()) {
            if (e.getKey().equals(reference)) {
                continue;
            }
            double[] d = e.getValue().entrySet().stream().filter(x -> ref.containsKey(x.getKey()))
                    .mapToDouble(x -> x.getValue() - ref.get(x.getKey())).toArray();
            maxPairs = Math.max(maxPairs, d.length);
            others.add(e.getKey());
            diffs.add(PairedDifference.of(d, options.test()));
        }
        double[] adjusted = holmOverInformative(diffs);
        long informative = diffs.stream().filter(d -> !d.identical()).count();
        int needed = options.test().minimumPairs(options.alpha() / Math.max(1, informative));
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        for (int i = 0; i < others.size(); i++) {
            PairedDifference d = diffs.get(i);
            Verdict v = d.identical() ? Verdict.IDENTICAL : d.n() < needed ? Verdict.TOO_FEW_SEEDS
                    : adjusted[i] >= options.alpha() ? Verdict.WITHIN_NOISE : d.mean() > 0 ? Verdict.WORSE : Verdict.BETTER;
            outcomes.put(others.get(i), new Outcome(others.get(i), d, adjusted[i], v));
        }
        return java.util.Optional.of(new MetricComparison(setting, spec, reference, chosen, outcomes, maxPairs));
    }
}
