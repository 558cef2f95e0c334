package dev.plugbench.host.tasks.spectral;

import dev.plugbench.api.MetricSpec;
import dev.plugbench.api.bench.CellResult;
import dev.plugbench.host.bench.Plots;
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
    record Esd(String setting, INDArray initial, INDArray trained) {
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

    private static Path esd(Esd e, Path dir) throws IOException {
        double[] init = GramSpectrum.of(e.initial());
        double[] end = GramSpectrum.of(e.trained());
        MarchenkoPastur mp = new MarchenkoPastur(GramSpectrum.ratio(e.initial()), e.initial().mul(e.initial()).meanNumber().doubleValue());
        double hi = Math.max(mp.upperEdge() * 1.2, Math.max(init[init.length - 1], end[end.length - 1]) * 1.02);
        XYChart c = Plots.xy("weight ESD, " + e.setting() + " (W W^T / h)", "eigenvalue", "density");
        histogram(c, "initial", init, hi);
        histogram(c, "trained", end, hi);
        double[] xs = new double[400];
        double[] ys = new double[400];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = hi * i / (xs.length - 1);
            ys[i] = mp.density(xs[i]);
        }
        c.addSeries("Marchenko-Pastur", xs, ys).setMarker(SeriesMarkers.NONE);
        Path file = Path.of("esd-" + e.setting() + ".png");
        Plots.save(c, dir.resolve(file));
        return file;
    }

    private static void histogram(XYChart c, String name, double[] values, double hi) {
        double width = hi / BINS;
        double[] x = new double[BINS];
        double[] y = new double[BINS];
        for (int b = 0; b < BINS; b++) {
            x[b] = (b + 0.5) * width;
        }
        for (double v : values) {
            int b = (int) Math.min(BINS - 1, Math.max(0, v / width));
            y[b] += 1.0 / (values.length * width);
        }
        c.addSeries(name, x, y).setMarker(SeriesMarkers.CIRCLE);
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
