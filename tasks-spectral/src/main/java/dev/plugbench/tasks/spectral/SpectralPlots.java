package dev.plugbench.tasks.spectral;

import dev.plugbench.api.MetricSpec;
import dev.plugbench.api.bench.CellResult;
import dev.plugbench.harness.Plots;
import dev.plugbench.toolkit.linalg.GramSpectrum;
import dev.plugbench.toolkit.metrics.MarchenkoPastur;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The spectral tasks' plots: weight ESD histograms at init and end with the MP density, and metrics against step. */
final class SpectralPlots {
    private static final int BINS = 40;

    /** The first-layer weights of one regime at initialisation and at the end. */
    /**
     * A weight ESD of one setting, as the cells deliver it ({@link TwoLayerTask#ESD_SERIES}): the
     * eigenvalues at initialisation and after training, ascending, and the Marchenko-Pastur law's
     * aspect ratio and entry variance at initialisation.
     */
    record Esd(String setting, double[] initial, double[] trained, double ratio, double variance) {
        /** The spectra of a first-layer weight matrix at initialisation and after training. */
        static Esd of(String setting, INDArray initial, INDArray trained) {
            return new Esd(setting, GramSpectrum.of(initial), GramSpectrum.of(trained), GramSpectrum.ratio(initial),
                    initial.mul(initial).meanNumber().doubleValue());
        }
    }

    private SpectralPlots() {
    }

    static List<Path> write(List<CellResult> rows, List<MetricSpec> metrics, List<Esd> esds, Path dir) {
        List<Path> out = new ArrayList<>();
        try {
            for (Esd e : esds) {
                out.add(esd(e, dir));
            }
            for (MetricSpec m : metrics) {
                Path p = trajectory(rows, m.name(), dir);
                if (p != null) {
                    out.add(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * The weight ESD on log-log axes (log-spaced bins), so that the bulk near the Marchenko-Pastur law
     * and the outliers far above its edge are both visible; the edge is a vertical line and the
     * trained eigenvalues beyond it are marked one by one.
     */
    private static Path esd(Esd e, Path dir) throws IOException {
        double[] init = e.initial();
        double[] end = e.trained();
        MarchenkoPastur mp = new MarchenkoPastur(e.ratio(), e.variance());
        double top = Math.max(mp.upperEdge(), Math.max(init[init.length - 1], end[end.length - 1]));
        double floor = top * 1e-6;
        double lo = Math.max(floor, Math.min(Math.min(positiveMin(init, floor), positiveMin(end, floor)), Math.max(mp.lowerEdge(), floor)) * 0.9);
        double hi = top * 1.1;
        XYChart c = Plots.xy("weight ESD, " + e.setting() + " (W W^T / h), log-log", "eigenvalue", "density");
        c.getStyler().setXAxisLogarithmic(true);
        c.getStyler().setYAxisLogarithmic(true);
        double[] yRange = {Double.POSITIVE_INFINITY, 0};
        histogram(c, "initial", init, lo, hi, yRange);
        double[][] trained = histogram(c, "trained", end, lo, hi, yRange);
        List<Double> mx = new ArrayList<>();
        List<Double> my = new ArrayList<>();
        double a = Math.max(mp.lowerEdge(), lo);
        for (int i = 0; i <= 400; i++) {
            double x = a * Math.pow(mp.upperEdge() / a, i / 400.0);
            double y = mp.density(x);
            if (y > 0 && Double.isFinite(y)) {
                mx.add(x);
                my.add(y);
            }
        }
        if (!mx.isEmpty()) {
            c.addSeries("Marchenko-Pastur", mx, my).setMarker(SeriesMarkers.NONE);
        }
        double yLow = yRange[0] * 0.5;
        double yHigh = Math.max(yRange[1], my.stream().mapToDouble(Double::doubleValue).max().orElse(yRange[1])) * 2;
        c.addSeries("MP upper edge", new double[] {mp.upperEdge(), mp.upperEdge()}, new double[] {yLow, yHigh}).setMarker(SeriesMarkers.NONE);
        List<Double> ox = new ArrayList<>();
        List<Double> oy = new ArrayList<>();
        for (double v : end) {
            if (v > mp.upperEdge() * 1.05) {
                ox.add(v);
                oy.add(binDensity(trained, v, yLow));
            }
        }
        if (!ox.isEmpty()) {
            c.addSeries("trained, above the edge (" + ox.size() + ")", ox, oy).setXYSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Scatter)
                    .setMarker(SeriesMarkers.DIAMOND);
        }
        Path file = Path.of("esd-" + e.setting() + ".png");
        Plots.save(c, dir.resolve(file));
        return file;
    }

    private static double positiveMin(double[] sorted, double floor) {
        for (double v : sorted) {
            if (v > floor) {
                return v;
            }
        }
        return floor;
    }

    /** A density histogram on log-spaced bins over [lo, hi]; returns the bins' centres and densities; empty bins are not drawn. */
    private static double[][] histogram(XYChart c, String name, double[] values, double lo, double hi, double[] yRange) {
        double[] edges = new double[BINS + 1];
        for (int b = 0; b <= BINS; b++) {
            edges[b] = lo * Math.pow(hi / lo, b / (double) BINS);
        }
        double[] count = new double[BINS];
        for (double v : values) {
            if (v >= lo && v <= hi) {
                int b = (int) Math.min(BINS - 1, Math.floor(Math.log(v / lo) / Math.log(hi / lo) * BINS));
                count[b]++;
            }
        }
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        double[][] all = new double[2][BINS];
        for (int b = 0; b < BINS; b++) {
            double centre = Math.sqrt(edges[b] * edges[b + 1]);
            double density = count[b] / (values.length * (edges[b + 1] - edges[b]));
            all[0][b] = centre;
            all[1][b] = density;
            if (count[b] > 0) {
                x.add(centre);
                y.add(density);
                yRange[0] = Math.min(yRange[0], density);
                yRange[1] = Math.max(yRange[1], density);
            }
        }
        c.addSeries(name, x, y).setMarker(SeriesMarkers.CIRCLE);
        return all;
    }

    private static double binDensity(double[][] bins, double v, double fallback) {
        int best = 0;
        for (int b = 1; b < bins[0].length; b++) {
            if (Math.abs(Math.log(bins[0][b] / v)) < Math.abs(Math.log(bins[0][best] / v))) {
                best = b;
            }
        }
        return bins[1][best] > 0 ? bins[1][best] : fallback;
    }

    /** The mean over seeds of {@code metric@step} against step, a line per (method, setting); null when no row has it. */
    private static Path trajectory(List<CellResult> rows, String metric, Path dir) throws IOException {
        Map<String, TreeMap<Integer, double[]>> lines = new LinkedHashMap<>();
        for (CellResult r : rows) {
            for (Map.Entry<String, Double> e : r.metrics().entrySet()) {
                String k = e.getKey();
                if (k.startsWith(metric + "@")) {
                    int step = Integer.parseInt(k.substring(metric.length() + 1));
                    double[] acc = lines.computeIfAbsent(r.method() + " / " + r.setting(), x -> new TreeMap<>())
                            .computeIfAbsent(step, x -> new double[2]);
                    acc[0] += e.getValue();
                    acc[1]++;
                }
            }
        }
        if (lines.isEmpty()) {
            return null;
        }
        XYChart c = Plots.xy(metric + " against training step", "step", metric);
        for (Map.Entry<String, TreeMap<Integer, double[]>> line : lines.entrySet()) {
            double[] x = line.getValue().keySet().stream().mapToDouble(Integer::doubleValue).toArray();
            double[] y = line.getValue().values().stream().mapToDouble(a -> a[0] / a[1]).toArray();
            c.addSeries(line.getKey(), x, y);
        }
        Path file = Path.of("trajectory-" + metric + ".png");
        Plots.save(c, dir.resolve(file));
        return file;
    }
}
