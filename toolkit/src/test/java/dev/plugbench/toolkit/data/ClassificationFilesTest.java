package dev.plugbench.toolkit.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Users' data files: a valid CSV (with or without header) and IDX pair read back exactly; each malformed file refused with its place. */
class ClassificationFilesTest {
    @TempDir
    Path tmp;

    private Path csv(String name, String body) throws IOException {
        Path f = tmp.resolve(name);
        Files.writeString(f, body);
        return f;
    }

    private static String rows(int perClass) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < perClass; i++) {
            sb.append(i).append(",0.5,0\n").append(-i).append(",1.5,1\n");
        }
        return sb.toString();
    }

    @Test
    void readsAValidCsvWithAHeader() throws IOException {
        Dataset d = ClassificationFiles.csv(csv("mine.csv", "x1,x2,label\n" + rows(10)), 10);
        assertThat(d.size()).isEqualTo(20);
        assertThat(d.width()).isEqualTo(2);
        assertThat(d.numClasses()).isEqualTo(2);
        assertThat(d.classCounts()).containsExactly(10, 10);
        assertThat(d.features().getDouble(3, 0)).isEqualTo(-1.0);
        assertThat(d.name()).isEqualTo("mine.csv");
    }

    @Test
    void malformedCsvsAreRefusedWithTheRowAndColumn() throws IOException {
        assertThatThrownBy(() -> ClassificationFiles.csv(csv("w.csv", rows(10) + "1,2,3,0\n"), 10))
                .hasMessageContaining("w.csv, row 21: expected 3 values like the first row (2 features and a label), found 4 values");
        assertThatThrownBy(() -> ClassificationFiles.csv(csv("n.csv", "1,2,0\n3,NaN,1\n" + rows(10)), 10))
                .hasMessageContaining("n.csv, row 2, column 2: expected a finite number, found 'NaN'");
        assertThatThrownBy(() -> ClassificationFiles.csv(csv("t.csv", rows(10) + "1,abc,1\n"), 10))
                .hasMessageContaining("row 21, column 2: expected a finite number, found 'abc'");
        assertThatThrownBy(() -> ClassificationFiles.csv(csv("l.csv", rows(10) + "1,2,-1\n"), 10))
                .hasMessageContaining("row 21, column 3 (the label): expected a class label 0, 1, 2, ..., found '-1'");
        assertThatThrownBy(() -> ClassificationFiles.csv(csv("f.csv", rows(10) + "1,2,0.5\n"), 10))
                .hasMessageContaining("found '0.5'");
        assertThatThrownBy(() -> ClassificationFiles.csv(csv("gap.csv", rows(10) + "1,2,3\n"), 1))
                .hasMessageContaining("labels 0..3 with every class present").hasMessageContaining("no row with label 2");
        assertThatThrownBy(() -> ClassificationFiles.csv(csv("few.csv", rows(4)), 10))
                .hasMessageContaining("at least 10 rows of each class").hasMessageContaining("4 rows of class 0");
        assertThatThrownBy(() -> ClassificationFiles.csv(csv("one.csv", "1,0\n2,0\n"), 1)).hasMessageContaining("at least 2 classes");
        assertThatThrownBy(() -> ClassificationFiles.csv(csv("empty.csv", "a,b\n"), 1)).hasMessageContaining("no data rows");
        assertThatThrownBy(() -> ClassificationFiles.csv(tmp.resolve("missing.csv"), 1)).hasMessageContaining("it does not exist");
    }

    private static void idx(Path file, int[] dims, byte[] data) throws IOException {
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
            out.writeInt(0x0800 | dims.length);
            for (int d : dims) {
                out.writeInt(d);
            }
            out.write(data);
        }
    }

    @Test
    void readsAnIdxPairAndRefusesMismatchedCounts() throws IOException {
        int n = 24;
        byte[] px = new byte[n * 7 * 7];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) (i % 2);
            px[i * 49 + 3] = (byte) 200;
        }
        idx(tmp.resolve("img.idx"), new int[] {n, 7, 7}, px);
        idx(tmp.resolve("lab.idx"), new int[] {n}, labels);
        Dataset d = ClassificationFiles.idx(tmp.resolve("img.idx"), tmp.resolve("lab.idx"), 10);
        assertThat(d.size()).isEqualTo(n);
        assertThat(d.width()).isEqualTo(49);
        assertThat(d.features().getDouble(5, 3)).isEqualTo(200.0);
        assertThat(d.classCounts()).containsExactly(12, 12);
        idx(tmp.resolve("short.idx"), new int[] {n - 1}, java.util.Arrays.copyOf(labels, n - 1));
        assertThatThrownBy(() -> ClassificationFiles.idx(tmp.resolve("img.idx"), tmp.resolve("short.idx"), 10))
                .hasMessageContaining("expected 24 labels (one per image in img.idx), found 23 labels");
    }
}
