package dev.plugbench.tasks.latent;

import dev.plugbench.api.bench.CellResult;
import dev.plugbench.harness.Plots;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.knowm.xchart.XYChart;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The family's plots: test reconstructions side by side (originals on top, then a row per method
 * and S0, seed 0, from this run's cells), code usage (each method's codes by decreasing share of
 * uses on the test latents, mean over seeds), PSNR against S0, and PSNR against bits per latent
 * vector (the rate-distortion chart: methods compared at equal code size).
 */
final class LatentPlots {
    private static final int LABEL_WIDTH = 150;

    private LatentPlots() {
    }

    /** A cell's label: the method id, with its S0 when it has one. */
    static String label(String method, Map<String, Object> params) {
        Object s0 = params.get("sparsity");
        return s0 == null ? method : method + " S0=" + s0;
    }

    static List<Path> write(LatentTask task, List<CellResult> rows, LatentTask.Images images, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        Map<String, float[][]> shown = shown(rows);
        if (!shown.isEmpty()) {
            files.add(reconstructions(shown, images, dir));
        }
        List<CellResult> ok = rows.stream().filter(r -> !r.failed()).toList();
        if (!ok.isEmpty()) {
            files.add(usage(ok, task.codebookSize(), dir));
            files.add(psnrAgainstSparsity(ok, dir));
            files.add(rateDistortion(ok, dir));
        }
        return files;
    }

    /** The reconstructions the seed-0 rows carry, by method label. */
    private static Map<String, float[][]> shown(List<CellResult> rows) {
        Map<String, float[][]> shown = new TreeMap<>();
        for (CellResult r : rows) {
            if (r.failed() || r.seed() != 0 || !r.series().containsKey(LatentTask.RECONSTRUCTION + 0)) {
                continue;
            }
            float[][] images = new float[LatentTask.SHOWN][];
            for (int i = 0; i < LatentTask.SHOWN; i++) {
                double[] v = r.series().get(LatentTask.RECONSTRUCTION + i);
                images[i] = new float[v.length];
                for (int j = 0; j < v.length; j++) {
                    images[i][j] = (float) v[j];
                }
            }
            shown.put(label(r.method(), r.params()), images);
        }
        return shown;
    }

    private static Path reconstructions(Map<String, float[][]> shown, LatentTask.Images images, Path dir) throws IOException {
        int h = images.height();
        int w = images.width();
        int scale = Math.max(1, 56 / Math.max(h, w));
        int cell = Math.max(h, w) * scale + 4;
        Map<String, float[][]> lines = new LinkedHashMap<>();
        float[][] originals = new float[LatentTask.SHOWN][];
        for (int i = 0; i < LatentTask.SHOWN; i++) {
            originals[i] = images.test().getRow(i).castTo(DataType.FLOAT).toFloatVector();
        }
        lines.put("original", originals);
        shown.forEach(lines::put);
        BufferedImage img = new BufferedImage(LABEL_WIDTH + LatentTask.SHOWN * cell, lines.size() * cell + 6, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        int row = 0;
        for (Map.Entry<String, float[][]> line : lines.entrySet()) {
            int y0 = row * cell + 3;
            g.setColor(Color.BLACK);
            g.drawString(line.getKey(), 6, y0 + cell / 2 + 4);
            for (int i = 0; i < LatentTask.SHOWN; i++) {
                float[] px = line.getValue()[i];
                int x0 = LABEL_WIDTH + i * cell;
                for (int r = 0; r < h; r++) {
                    for (int c = 0; c < w; c++) {
                        int v = Math.max(0, Math.min(255, Math.round(255 * (1 - px[r * w + c]))));
                        g.setColor(new Color(v, v, v));
                        g.fillRect(x0 + c * scale, y0 + r * scale, scale, scale);
                    }
                }
            }
            row++;
        }
        g.dispose();
        Path file = Path.of("reconstructions.png");
        ImageIO.write(img, "png", dir.resolve(file).toFile());
        return file;
    }

    private static Path usage(List<CellResult> rows, int codes, Path dir) throws IOException {
        Map<String, double[]> shares = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (CellResult r : rows) {
            double[] u = new double[codes];
            double total = 0;
            for (int k = 0; k < codes; k++) {
                u[k] = r.metrics().getOrDefault(LatentTask.USAGE + k, 0.0);
                total += u[k];
            }
            if (total == 0) {
                continue;
            }
            double sum = total;
            double[] sorted = Arrays.stream(u).map(v -> -v / sum).sorted().map(v -> -v).toArray();
            String label = label(r.method(), r.params());
            double[] acc = shares.computeIfAbsent(label, k -> new double[codes]);
            for (int k = 0; k < codes; k++) {
                acc[k] += sorted[k];
            }
            counts.merge(label, 1, Integer::sum);
        }
        XYChart c = Plots.xy("code usage on the test latents (codes by decreasing share; mean over seeds)", "code rank",
                "share of uses");
        double[] x = new double[codes];
        for (int k = 0; k < codes; k++) {
            x[k] = k + 1;
        }
        for (Map.Entry<String, double[]> e : shares.entrySet()) {
            double[] y = e.getValue().clone();
            for (int k = 0; k < codes; k++) {
                y[k] /= counts.get(e.getKey());
            }
            c.addSeries(e.getKey(), x, y).setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
        }
        Path file = Path.of("code-usage.png");
        Plots.save(c, dir.resolve(file));
        return file;
    }

    private static Path psnrAgainstSparsity(List<CellResult> rows, Path dir) throws IOException {
        Map<String, TreeMap<Integer, double[]>> lines = new LinkedHashMap<>();
        Map<String, double[]> flatByMethod = new LinkedHashMap<>();
        int maxS0 = 1;
        for (CellResult r : rows) {
            Object s0 = r.params().get("sparsity");
            double psnr = r.metrics().get("psnr_db");
            if (s0 != null) {
                int s = ((Number) s0).intValue();
                maxS0 = Math.max(maxS0, s);
                double[] a = lines.computeIfAbsent(r.method(), k -> new TreeMap<>()).computeIfAbsent(s, k -> new double[2]);
                a[0] += psnr;
                a[1]++;
            } else {
                double[] a = flatByMethod.computeIfAbsent(r.method(), k -> new double[2]);
                a[0] += psnr;
                a[1]++;
            }
        }
        XYChart c = Plots.xy("test PSNR against S0 (codes per latent vector; mean over seeds)", "S0", "PSNR (dB)");
        for (Map.Entry<String, TreeMap<Integer, double[]>> line : lines.entrySet()) {
            double[] x = line.getValue().keySet().stream().mapToDouble(Integer::doubleValue).toArray();
            double[] y = line.getValue().values().stream().mapToDouble(a -> a[0] / a[1]).toArray();
            c.addSeries(line.getKey(), x, y);
        }
        for (Map.Entry<String, double[]> e : flatByMethod.entrySet()) {
            double v = e.getValue()[0] / e.getValue()[1];
            c.addSeries(e.getKey() + " (one code)", new double[] {1, maxS0}, new double[] {v, v})
                    .setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
        }
        Path file = Path.of("psnr-vs-s0.png");
        Plots.save(c, dir.resolve(file));
        return file;
    }

    /** One line per method through its (mean bits per vector, mean PSNR) points, one per parameter setting. */
    private static Path rateDistortion(List<CellResult> rows, Path dir) throws IOException {
        Map<String, TreeMap<Double, Double>> lines = new LinkedHashMap<>();
        Map<String, Map<String, double[]>> byCell = new LinkedHashMap<>();
        for (CellResult r : rows) {
            Double bits = r.metrics().get("bits_per_vector");
            if (bits == null) {
                continue;
            }
            double[] a = byCell.computeIfAbsent(r.method(), k -> new LinkedHashMap<>()).computeIfAbsent(r.params().toString(), k -> new double[3]);
            a[0] += bits;
            a[1] += r.metrics().get("psnr_db");
            a[2]++;
        }
        byCell.forEach((method, cells) -> cells.values().forEach(a ->
                lines.computeIfAbsent(method, k -> new TreeMap<>()).put(a[0] / a[2], a[1] / a[2])));
        XYChart c = Plots.xy("rate-distortion: test PSNR against bits per latent vector (mean over seeds)", "bits per latent vector",
                "PSNR (dB)");
        for (Map.Entry<String, TreeMap<Double, Double>> line : lines.entrySet()) {
            double[] x = line.getValue().keySet().stream().mapToDouble(Double::doubleValue).toArray();
            double[] y = line.getValue().values().stream().mapToDouble(Double::doubleValue).toArray();
            c.addSeries(line.getKey(), x, y);
        }
        Path file = Path.of("rate-distortion.png");
        Plots.save(c, dir.resolve(file));
        return file;
    }
}
