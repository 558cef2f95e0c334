package dev.plugbench.toolkit.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A user's classification data set from files ("bring your own data"): a CSV file (optionally
 * gzipped) with the features in every column but the last and an integer class label in the last,
 * an optional header line; or an IDX pair (images as unsigned bytes, labels as unsigned bytes, the
 * layout of MNIST and Fashion-MNIST). Checked as it is read: every problem names the file, the row
 * and column, what was expected and what was found. Labels must be 0..K-1 with every class present,
 * and each class needs {@code minPerClass} rows.
 */
public final class ClassificationFiles {
    private ClassificationFiles() {
    }

    /** Reads a CSV file: features then the label on each row. */
    public static Dataset csv(Path file, int minPerClass) {
        if (!Files.isRegularFile(file)) {
            throw new DataFormatException(file.toString(), "the file", "a CSV file", "nothing (it does not exist)");
        }
        String source = file.toString();
        List<double[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        int width = -1;
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            int lineNo = 0;
            for (String line; (line = r.readLine()) != null; ) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                if (lineNo == 1 && isHeader(cells)) {
                    continue;
                }
                if (width < 0) {
                    width = cells.length;
                    if (width < 2) {
                        throw new DataFormatException(source, "row " + lineNo, "at least 2 values (features, then the label)", width + " value");
                    }
                } else if (cells.length != width) {
                    throw new DataFormatException(source, "row " + lineNo, width + " values like the first row (" + (width - 1)
                            + " features and a label)", cells.length + " values");
                }
                double[] x = new double[width - 1];
                for (int j = 0; j < x.length; j++) {
                    x[j] = finite(cells[j], source, lineNo, j);
                }
                labels.add(label(cells[width - 1], source, lineNo, width - 1));
                rows.add(x);
            }
        } catch (IOException e) {
            throw new DataFormatException("cannot read " + source + ": " + e.getMessage(), e);
        }
        if (rows.isEmpty()) {
            throw new DataFormatException(source, "the file", "rows of features and a label", "no data rows");
        }
        int[] y = labels.stream().mapToInt(Integer::intValue).toArray();
        return build(file.getFileName().toString(), Nd4j.createFromArray(rows.toArray(new double[0][])), y, source, minPerClass);
    }

    /** Reads an IDX pair: images (rank 3: count, height, width) and labels (rank 1), unsigned bytes, optionally gzipped. */
    public static Dataset idx(Path images, Path labelFile, int minPerClass) {
        for (Path p : List.of(images, labelFile)) {
            if (!Files.isRegularFile(p)) {
                throw new DataFormatException(p.toString(), "the file", "an IDX file", "nothing (it does not exist)");
            }
        }
        try {
            IdxFiles.UnsignedBytes img = IdxFiles.read(images, 3);
            IdxFiles.UnsignedBytes lab = IdxFiles.read(labelFile, 1);
            int n = img.dims()[0];
            int d = 1;
            for (int k = 1; k < img.dims().length; k++) {
                d *= img.dims()[k];
            }
            if (lab.dims()[0] != n) {
                throw new DataFormatException(labelFile.toString(), "header", n + " labels (one per image in " + images.getFileName() + ")",
                        lab.dims()[0] + " labels");
            }
            int[] y = new int[n];
            for (int i = 0; i < n; i++) {
                y[i] = lab.get(i);
            }
            float[] px = new float[n * d];
            for (int i = 0; i < px.length; i++) {
                px[i] = img.get(i);
            }
            return build(images.getFileName().toString(), Nd4j.create(px, new long[] {n, d}, DataType.FLOAT), y, labelFile.toString(), minPerClass);
        } catch (IOException e) {
            throw new DataFormatException("cannot read " + images + " and " + labelFile + ": " + e.getMessage(), e);
        }
    }

    private static Dataset build(String name, org.nd4j.linalg.api.ndarray.INDArray x, int[] y, String source, int minPerClass) {
        int k = 0;
        for (int v : y) {
            k = Math.max(k, v + 1);
        }
        int[] counts = new int[k];
        for (int v : y) {
            counts[v]++;
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            if (counts[c] == 0) {
                throw new DataFormatException(source, "labels", "labels 0.." + (k - 1) + " with every class present (the largest label is " + (k - 1)
                        + ")", "no row with label " + c);
            }
            if (counts[c] < minPerClass) {
                throw new DataFormatException(source, "labels", "at least " + minPerClass + " rows of each class (half for training, half for testing)",
                        counts[c] + " rows of class " + c);
            }
            names.add(Integer.toString(c));
        }
        if (k < 2) {
            throw new DataFormatException(source, "labels", "at least 2 classes", "only class 0");
        }
        return Dataset.classification(name, x, y, names);
    }

    private static boolean isHeader(String[] cells) {
        for (String c : cells) {
            try {
                Double.parseDouble(c.trim());
            } catch (NumberFormatException e) {
                return !c.trim().equalsIgnoreCase("nan");
            }
        }
        return false;
    }

    private static double finite(String cell, String source, int row, int col) {
        try {
            double v = Double.parseDouble(cell.trim());
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new DataFormatException(source, "row " + row + ", column " + (col + 1), "a finite number", "'" + cell + "'");
    }

    private static int label(String cell, String source, int row, int col) {
        try {
            double v = Double.parseDouble(cell.trim());
            if (v == Math.rint(v) && v >= 0 && v < 100_000) {
                return (int) v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new DataFormatException(source, "row " + row + ", column " + (col + 1) + " (the label)", "a class label 0, 1, 2, ...", "'" + cell + "'");
    }
}
