package dev.plugbench.tasks.attribution;

import dev.plugbench.api.bench.CellResult;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * For each method, a PNG grid: a row per triggered test point (seed 0), the test image first, then
 * its most attributed training images; poisoned training images are framed in red.
 */
final class AttributionGrid {
    private static final int PIXEL = 6;
    private static final int CELL = 8 * PIXEL + 6;

    private AttributionGrid() {
    }

    static List<Path> write(List<CellResult> rows, PoisonedDigits d, Path dir) {
        List<Path> out = new ArrayList<>();
        for (CellResult r : rows) {
            if (r.seed() != 0 || r.failed() || !r.metrics().containsKey("top0@point0")) {
                continue;
            }
            BufferedImage img = new BufferedImage(CELL * (PoisonTask.TOP + 1), CELL * PoisonTask.SHOWN, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, img.getWidth(), img.getHeight());
            for (int j = 0; j < PoisonTask.SHOWN && j < d.triggered().rows(); j++) {
                draw(g, d.triggered(), j, 0, j, Color.BLUE);
                for (int t = 0; t < PoisonTask.TOP; t++) {
                    Double idx = r.metrics().get("top" + t + "@point" + j);
                    if (idx != null) {
                        int i = idx.intValue();
                        draw(g, d.train(), i, t + 1, j, d.poisoned()[i] ? Color.RED : Color.LIGHT_GRAY);
                    }
                }
            }
            g.dispose();
            String name = "top-attributed-" + r.method() + (r.params().isEmpty() ? "" : "-" + Integer.toHexString(r.params().hashCode())) + ".png";
            try {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                ImageIO.write(img, "png", bytes);
                Path tmp = Files.createTempFile(dir, ".grid", ".tmp");
                Files.write(tmp, bytes.toByteArray());
                Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.add(Path.of(name));
        }
        return out;
    }

    private static void draw(Graphics2D g, INDArray images, int row, int col, int line, Color frame) {
        int x0 = col * CELL + 3;
        int y0 = line * CELL + 3;
        g.setColor(frame);
        g.fillRect(x0 - 3, y0 - 3, 8 * PIXEL + 6, 8 * PIXEL + 6);
        for (int p = 0; p < 64; p++) {
            int v = (int) Math.round(255 * (1 - Math.max(0, Math.min(1, images.getDouble(row, p)))));
            g.setColor(new Color(v, v, v));
            g.fillRect(x0 + (p % 8) * PIXEL, y0 + (p / 8) * PIXEL, PIXEL, PIXEL);
        }
    }
}
