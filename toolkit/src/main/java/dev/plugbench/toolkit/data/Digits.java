package dev.plugbench.toolkit.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The UCI 8x8 handwritten digits, embedded (1797 images, 64 pixel counts 0..16, labels 0..9;
 * UCI Machine Learning Repository, CC BY 4.0: see DIGITS-ATTRIBUTION.txt beside the data).
 */
public final class Digits {
    static final String RESOURCE = "/dev/plugbench/toolkit/data/digits.csv.gz";
    private static volatile Dataset cached;

    private Digits() {
    }

    /** All 1797 digits, pixels as counts 0..16 (divide by 16 for [0, 1]). */
    public static Dataset load() {
        Dataset d = cached;
        if (d == null) {
            try (InputStream in = Digits.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("the embedded digits resource " + RESOURCE + " is missing from the toolkit jar");
                }
                d = parse(new GZIPInputStream(in), "digits.csv.gz");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the embedded digits", e);
            }
            cached = d;
        }
        return d;
    }

    /** Parses the CSV layout (64 pixel values 0..16, then the label 0..9 per row). */
    static Dataset parse(InputStream in, String source) throws IOException {
        List<double[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        int lineNo = 0;
        for (String line; (line = r.readLine()) != null; ) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",");
            if (cells.length != 65) {
                throw new DataFormatException(source, "row " + lineNo, "65 values (64 pixels and a label)", cells.length + " values");
            }
            double[] px = new double[64];
            for (int j = 0; j < 64; j++) {
                px[j] = number(cells[j], source, lineNo, j);
                if (!(px[j] >= 0 && px[j] <= 16)) {
                    throw new DataFormatException(source, "row " + lineNo + ", column " + (j + 1), "a pixel count in 0..16", cells[j]);
                }
            }
            double y = number(cells[64], source, lineNo, 64);
            if (y != Math.rint(y) || y < 0 || y > 9) {
                throw new DataFormatException(source, "row " + lineNo + ", column 65", "a label in 0..9", cells[64]);
            }
            rows.add(px);
            labels.add((int) y);
        }
        if (rows.isEmpty()) {
            throw new DataFormatException(source, "start", "at least one row", "an empty file");
        }
        List<String> names = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        return Dataset.classification("uci-digits", Nd4j.createFromArray(rows.toArray(new double[0][])),
                labels.stream().mapToInt(Integer::intValue).toArray(), names);
    }

    private static double number(String cell, String source, int row, int col) {
        try {
            double v = Double.parseDouble(cell.trim());
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new DataFormatException(source, "row " + row + ", column " + (col + 1), "a finite number", "'" + cell + "'");
        }
    }
}
