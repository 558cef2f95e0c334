package dev.plugbench.tasks.lwa;

import dev.plugbench.api.bench.CellResult;
import dev.plugbench.api.lwa.Costs;
import dev.plugbench.harness.Plots;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The family's plots: system accuracy against reject rate per setting (one curve per method, mean
 * over seeds, and the oracle of the confidence baseline's cross-entropy expert on top), and risk
 * against c_e (one line per method; the Bayes risk where the task knows it).
 */
final class LwaPlots {
    private LwaPlots() {
    }

    static List<Path> standard(List<CellResult> rows, Map<String, Costs> costs, Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        Map<String, List<CellResult>> bySetting = new LinkedHashMap<>();
        for (CellResult r : rows) {
            if (!r.failed()) {
                bySetting.computeIfAbsent(r.setting(), s -> new ArrayList<>()).add(r);
            }
        }
        for (Map.Entry<String, List<CellResult>> s : bySetting.entrySet()) {
            files.add(accuracyReject(s.getKey(), s.getValue(), dir));
        }
        if (!bySetting.isEmpty()) {
            files.add(riskAgainstOffloadCost(rows, costs, dir));
        }
        return files;
    }

    private static Path accuracyReject(String setting, List<CellResult> rows, Path dir) throws IOException {
        XYChart c = Plots.xy("system accuracy vs reject rate, " + setting + " (test split, mean over seeds)", "reject rate",
                "system accuracy");
        Map<String, double[]> curves = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        String oracleFrom = rows.stream().anyMatch(r -> r.method().equals("confidence")) ? "confidence" : rows.get(0).method();
        for (CellResult r : rows) {
            add(curves, counts, r.method(), r, LwaTask.CURVE);
            if (r.method().equals(oracleFrom)) {
                add(curves, counts, "oracle (expert of " + oracleFrom + ")", r, LwaTask.ORACLE_CURVE);
            }
        }
        for (Map.Entry<String, double[]> e : curves.entrySet()) {
            double[] y = e.getValue().clone();
            for (int i = 0; i < y.length; i++) {
                y[i] /= counts.get(e.getKey());
            }
            var series = c.addSeries(e.getKey(), LwaTask.CURVE_RATES, y);
            if (e.getKey().startsWith("oracle")) {
                series.setMarker(SeriesMarkers.NONE);
                series.setLineStyle(new java.awt.BasicStroke(2f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_ROUND, 10f,
                        new float[] {6f, 4f}, 0f));
            }
        }
        Path file = Path.of("accuracy-vs-reject-" + setting.replace(',', '_').replace('=', '-') + ".png");
        Plots.save(c, dir.resolve(file));
        return file;
    }

    private static void add(Map<String, double[]> curves, Map<String, Integer> counts, String name, CellResult r, String prefix) {
        double[] acc = curves.computeIfAbsent(name, k -> new double[LwaTask.CURVE_RATES.length]);
        for (int i = 0; i < acc.length; i++) {
            acc[i] += r.metrics().get(prefix + LwaTask.CURVE_RATES[i]);
        }
        counts.merge(name, 1, Integer::sum);
    }

    private static Path riskAgainstOffloadCost(List<CellResult> rows, Map<String, Costs> costs, Path dir) throws IOException {
        Map<String, TreeMap<Double, double[]>> lines = new LinkedHashMap<>();
        for (CellResult r : rows) {
            if (r.failed()) {
                continue;
            }
            double ce = costs.get(r.setting()).offload();
            double[] a = lines.computeIfAbsent(r.method(), k -> new TreeMap<>()).computeIfAbsent(ce, k -> new double[2]);
            a[0] += r.metrics().get("risk");
            a[1]++;
            if (r.metrics().containsKey("bayes_risk")) {
                double[] b = lines.computeIfAbsent("Bayes rule", k -> new TreeMap<>()).computeIfAbsent(ce, k -> new double[2]);
                b[0] += r.metrics().get("bayes_risk");
                b[1]++;
            }
        }
        XYChart c = Plots.xy("risk vs offload cost c_e (test split, mean over seeds)", "c_e", "generalized 0-1 risk");
        for (Map.Entry<String, TreeMap<Double, double[]>> line : lines.entrySet()) {
            double[] x = line.getValue().keySet().stream().mapToDouble(Double::doubleValue).toArray();
            double[] y = line.getValue().values().stream().mapToDouble(a -> a[0] / a[1]).toArray();
            c.addSeries(line.getKey(), x, y);
        }
        Path file = Path.of("risk-vs-ce.png");
        Plots.save(c, dir.resolve(file));
        return file;
    }
}
