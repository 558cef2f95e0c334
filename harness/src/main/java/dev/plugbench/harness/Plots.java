package dev.plugbench.harness;

import dev.plugbench.api.MetricSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;

/** PNG plots with XChart (headless): per-metric bars with error bars, and helpers for tasks' own charts. */
public final class Plots {
    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private Plots() {
    }

    /** Writes a chart as PNG, atomically. */
    public static void save(Chart<?, ?> chart, Path file) throws IOException {
        AtomicFiles.write(file, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
    }

    /** A new 800 x 500 XY chart with axis titles, for tasks' curves. */
    public static XYChart xy(String title, String xTitle, String yTitle) {
        XYChart c = new org.knowm.xchart.XYChartBuilder().width(800).height(500).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        return c;
    }

    /** One bar chart per declared metric: the mean of each (method, params) with its standard error, a series per setting. */
    static List<String> metricBars(TaskResult r, Path dir) throws IOException {
        List<String> written = new ArrayList<>();
        Set<String> settings = new LinkedHashSet<>();
        Set<String> labels = new LinkedHashSet<>();
        r.summary().forEach(s -> {
            settings.add(s.setting());
            labels.add(Comparisons.variant(s.method(), s.params()));
        });
        for (MetricSpec spec : r.metrics()) {
            if (r.summary().stream().noneMatch(s -> s.metrics().containsKey(spec.name()))) {
                continue;
            }
            CategoryChart chart = new CategoryChartBuilder().width(900).height(500).title(r.task() + ": " + spec.name())
                    .xAxisTitle("method").yAxisTitle(spec.name()).build();
            chart.getStyler().setLegendVisible(settings.size() > 1);
            chart.getStyler().setXAxisLabelRotation(30);
            for (String setting : settings) {
                List<String> xs = new ArrayList<>();
                List<Double> ys = new ArrayList<>();
                List<Double> errs = new ArrayList<>();
                for (String label : labels) {
                    SummaryRow row = r.summary().stream().filter(s -> s.setting().equals(setting) && Comparisons.variant(s.method(), s.params()).equals(label))
                            .findFirst().orElse(null);
                    MetricSummary m = row == null ? null : row.metrics().get(spec.name());
                    xs.add(label);
                    ys.add(m == null ? 0.0 : m.mean());
                    errs.add(m == null ? 0.0 : m.stderr());
                }
                chart.addSeries(setting, xs, ys, errs);
            }
            String file = spec.name() + ".png";
            save(chart, dir.resolve(file));
            written.add(file);
        }
        return written;
    }
}
