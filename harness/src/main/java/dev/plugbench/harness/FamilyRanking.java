package dev.plugbench.harness;

import dev.plugbench.api.MetricSpec;
import dev.plugbench.api.bench.CellResult;
import dev.plugbench.harness.stats.Friedman;
import dev.plugbench.harness.stats.Nemenyi;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A family's methods ranked across its tasks (Demšar 2006): for each ranked metric, the blocks are
 * the task x setting pairs that report it, each (method, params) gets its rank by its mean over seeds
 * in every block, and the Friedman test asks whether the average ranks differ; Nemenyi's critical
 * difference says which pairs do. A row is a method, with the parameters its task sweeps (fixed
 * per-task parameters such as a network width do not split it). Only rows present in every block of
 * the metric take part.
 */
final class FamilyRanking {
    private FamilyRanking() {
    }

    /**
     * One metric's ranking.
     *
     * @param blocks       "task / setting" of each block
     * @param variants     the rows ranked
     * @param averageRanks 1 = best, per variant
     * @param friedman     null when fewer than 3 rows or 2 blocks take part
     * @param cd           Nemenyi's critical difference at alpha, NaN without a Friedman test
     * @param note         why rows were left out or no test ran; empty otherwise
     */
    record Ranking(String family, MetricSpec metric, List<String> blocks, List<String> variants, double[] averageRanks, Friedman.Result friedman,
                   double cd, String note) {
    }

    static List<Ranking> of(String family, List<TaskResult> results, double alpha) {
        Map<String, MetricSpec> metrics = new LinkedHashMap<>();
        results.forEach(r -> r.metrics().stream().filter(MetricSpec::ranked).forEach(m -> metrics.putIfAbsent(m.name(), m)));
        List<Ranking> out = new ArrayList<>();
        for (MetricSpec metric : metrics.values()) {
            Map<String, Map<String, Double>> blocks = new LinkedHashMap<>();
            for (TaskResult r : results) {
                if (r.metrics().stream().noneMatch(m -> m.name().equals(metric.name()) && m.direction() == metric.direction())) {
                    continue;
                }
                // a method's identity in a block: its id, with the parameters the task sweeps for it (not those fixed per task)
                Map<String, String> labels = Comparisons.shortLabels(r.rows());
                Map<String, Map<String, double[]>> sums = new LinkedHashMap<>();
                for (CellResult c : r.rows()) {
                    Double v = c.metrics().get(metric.name());
                    if (!c.failed() && v != null) {
                        double[] acc = sums.computeIfAbsent(r.task() + " / " + c.setting(), k -> new LinkedHashMap<>())
                                .computeIfAbsent(labels.get(Comparisons.variant(c.method(), c.params())), k -> new double[2]);
                        acc[0] += metric.loss(v);
                        acc[1]++;
                    }
                }
                sums.forEach((block, byVariant) -> {
                    Map<String, Double> means = new LinkedHashMap<>();
                    byVariant.forEach((variant, acc) -> means.put(variant, acc[0] / acc[1]));
                    blocks.put(block, means);
                });
            }
            if (blocks.size() < 2) {
                continue;
            }
            Set<String> all = new LinkedHashSet<>();
            blocks.values().forEach(b -> all.addAll(b.keySet()));
            List<String> common = all.stream().filter(v -> blocks.values().stream().allMatch(b -> b.containsKey(v))).toList();
            List<String> left = all.stream().filter(v -> !common.contains(v)).toList();
            String note = left.isEmpty() ? "" : "not in every block, so not ranked: " + String.join(", ", left) + ". ";
            List<String> blockNames = List.copyOf(blocks.keySet());
            if (common.size() < 3) {
                out.add(new Ranking(family, metric, blockNames, common, new double[0], null, Double.NaN, note + common.size()
                        + " rows in every block: the Friedman test needs at least 3 (compare two with the paired tests of each task)."));
                continue;
            }
            double[][] losses = new double[blocks.size()][common.size()];
            int i = 0;
            for (Map<String, Double> b : blocks.values()) {
                for (int j = 0; j < common.size(); j++) {
                    losses[i][j] = b.get(common.get(j));
                }
                i++;
            }
            Friedman.Result f = Friedman.test(losses);
            out.add(new Ranking(family, metric, blockNames, common, f.averageRanks(), f, Nemenyi.criticalDifference(common.size(), blocks.size(), alpha),
                    note));
        }
        return out;
    }

    /** The rankings as markdown: average ranks, the Friedman test, and the critical difference. */
    static String markdown(List<Ranking> rankings, double alpha) {
        StringBuilder sb = new StringBuilder();
        for (Ranking r : rankings) {
            sb.append("\n### ").append(r.family()).append(": ").append(r.metric().name()).append(" (").append(r.metric().directionLabel()).append(")\n\n");
            sb.append("Blocks (").append(r.blocks().size()).append("): ").append(String.join("; ", r.blocks())).append(".\n");
            if (r.friedman() == null) {
                sb.append(r.note()).append('\n');
                continue;
            }
            if (!r.note().isEmpty()) {
                sb.append(r.note()).append('\n');
            }
            sb.append("Friedman chi-square ").append(Numbers.value(r.friedman().statistic())).append(", p ").append(Numbers.p(r.friedman().pValue()))
                    .append(" (").append(r.variants().size() - 1).append(" degrees of freedom); Nemenyi critical difference at alpha ").append(alpha)
                    .append(": ").append(Numbers.value(r.cd())).append(r.friedman().pValue() < alpha ? "" : " (the Friedman test finds no difference: "
                            + "the ranks below are within noise)").append(".\n\n| rank | method | average rank |\n|---|---|---|\n");
            Integer[] order = java.util.stream.IntStream.range(0, r.variants().size()).boxed()
                    .sorted(java.util.Comparator.comparingDouble(j -> r.averageRanks()[j])).toArray(Integer[]::new);
            for (int k = 0; k < order.length; k++) {
                sb.append("| ").append(k + 1).append(" | ").append(r.variants().get(order[k])).append(" | ")
                        .append(String.format(java.util.Locale.ROOT, "%.2f", r.averageRanks()[order[k]])).append(" |\n");
            }
        }
        return sb.toString();
    }
}
