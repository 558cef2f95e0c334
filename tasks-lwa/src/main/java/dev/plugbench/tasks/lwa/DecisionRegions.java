package dev.plugbench.tasks.lwa;

import dev.plugbench.api.lwa.Costs;
import dev.plugbench.api.bench.CellResult;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Decision regions on the synthetic task's plane, one PNG per setting: the Bayes rule, the
 * population minimiser of the exponential surrogate with alpha calibrated from the client's
 * training error and squashed outputs ({@link ExponentialPopulationRule}), and each method's
 * fitted rule for seed 0, each coloured by where it departs from the Bayes rule.
 */
final class DecisionRegions {
    private static final int CELL = 7;
    private static final int TITLE = 34;
    private static final int LEGEND = 40;
    private static final Color KEEP = new Color(232, 232, 232);
    private static final Color OFFLOAD = new Color(70, 110, 200);
    private static final Color EXTRA_OFFLOAD = new Color(220, 60, 60);
    private static final Color MISSED_OFFLOAD = new Color(245, 165, 40);

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private DecisionRegions() {
    }

    static List<Path> write(List<CellResult> rows, LwaData d, Map<String, Costs> costsByName, Path dir) throws IOException {
        INDArray grid = SyntheticTask.grid();
        double[] eta = SyntheticTask.MIXTURE.posterior(grid);
        int[] clientSays = Clients.predictions(d.client(), grid);
        double p = d.clientTrainError();
        Map<String, Map<String, boolean[]>> bySetting = new LinkedHashMap<>();
        for (CellResult r : rows) {
            if (r.failed() || r.seed() != 0 || !r.metrics().containsKey(SyntheticTask.REGION + 0)) {
                continue;
            }
            boolean[] off = new boolean[eta.length];
            for (int k = 0; k < off.length; k++) {
                off[k] = r.metrics().get(SyntheticTask.REGION + k) > 0.5;
            }
            bySetting.computeIfAbsent(r.setting(), s -> new LinkedHashMap<>()).putIfAbsent(r.method(), off);
        }
        List<Path> files = new ArrayList<>();
        Files.createDirectories(dir);
        for (Map.Entry<String, Map<String, boolean[]>> s : bySetting.entrySet()) {
            Costs costs = costsByName.get(s.getKey());
            boolean[] bayes = new boolean[eta.length];
            for (int k = 0; k < eta.length; k++) {
                bayes[k] = BayesRule.offloads(eta[k], clientSays[k], costs);
            }
            var exponential = ExponentialPopulationRule.calibrated(costs, p, true);
            Map<String, boolean[]> panels = new LinkedHashMap<>();
            panels.put("Bayes rule", bayes);
            exponential.ifPresent(ls -> {
                boolean[] off = new boolean[eta.length];
                for (int k = 0; k < eta.length; k++) {
                    off[k] = ls.offloads(eta[k], clientSays[k]);
                }
                panels.put(String.format("L_S population, alpha=%.2f", ls.alpha()), off);
            });
            panels.putAll(s.getValue());
            Path file = Path.of("decision-regions-" + s.getKey().replace(',', '_').replace('=', '-') + ".png");
            ImageIO.write(render(panels, bayes, s.getKey()), "png", dir.resolve(file).toFile());
            files.add(file);
        }
        return files;
    }

    private static BufferedImage render(Map<String, boolean[]> panels, boolean[] bayes, String setting) {
        int side = SyntheticTask.GRID * CELL;
        int gap = 12;
        int width = panels.size() * (side + gap) + gap;
        BufferedImage img = new BufferedImage(width, TITLE + side + LEGEND, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        int x0 = gap;
        boolean first = true;
        for (Map.Entry<String, boolean[]> panel : panels.entrySet()) {
            boolean reference = first;
            first = false;
            boolean[] off = panel.getValue();
            for (int r = 0; r < SyntheticTask.GRID; r++) {
                for (int c = 0; c < SyntheticTask.GRID; c++) {
                    int k = r * SyntheticTask.GRID + c;
                    Color color = off[k] == bayes[k] || reference ? (off[k] ? OFFLOAD : KEEP) : off[k] ? EXTRA_OFFLOAD : MISSED_OFFLOAD;
                    g.setColor(color);
                    g.fillRect(x0 + c * CELL, TITLE + r * CELL, CELL, CELL);
                }
            }
            g.setColor(Color.BLACK);
            g.drawRect(x0, TITLE, side, side);
            g.drawString(panel.getKey(), x0, TITLE - 8);
            x0 += side + gap;
        }
        g.drawString("synthetic, " + setting + ", x1 and x2 in [-3.2, 3.2]; methods: seed 0", gap, 14);
        int ly = TITLE + side + 14;
        int lx = gap;
        for (Object[] item : new Object[][] {{KEEP, "keep local"}, {OFFLOAD, "offload"}, {EXTRA_OFFLOAD, "offloads, Bayes keeps"},
                {MISSED_OFFLOAD, "keeps, Bayes offloads"}}) {
            g.setColor((Color) item[0]);
            g.fillRect(lx, ly, 12, 12);
            g.setColor(Color.BLACK);
            g.drawRect(lx, ly, 12, 12);
            g.drawString((String) item[1], lx + 16, ly + 11);
            lx += 30 + g.getFontMetrics().stringWidth((String) item[1]);
        }
        g.dispose();
        return img;
    }
}
