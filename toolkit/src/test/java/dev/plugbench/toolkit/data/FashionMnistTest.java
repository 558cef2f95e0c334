package dev.plugbench.toolkit.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistTest {
    @TempDir
    Path tmp;

    private static void writeIdx(Path file, int magic, int[] dims, byte[] data, boolean gzip) throws IOException {
        try (var os = gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file);
             DataOutputStream out = new DataOutputStream(os)) {
            out.writeInt(magic);
            for (int d : dims) {
                out.writeInt(d);
            }
            out.write(data);
        }
    }

    private void writeSet(String prefix, int n, boolean gzip) throws IOException {
        byte[] px = new byte[n * 28 * 28];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) (i % 256);
        }
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) (i % 10);
        }
        String ext = gzip ? ".gz" : "";
        writeIdx(tmp.resolve(prefix + "-images-idx3-ubyte" + ext), 0x803, new int[] {n, 28, 28}, px, gzip);
        writeIdx(tmp.resolve(prefix + "-labels-idx1-ubyte" + ext), 0x801, new int[] {n}, labels, gzip);
    }

    @Test
    void readsGzippedAndPlainIdxFiles() throws IOException {
        writeSet("train", 12, true);
        writeSet("t10k", 5, false);
        Dataset train = FashionMnist.train(tmp);
        assertThat(train.size()).isEqualTo(12);
        assertThat(train.width()).isEqualTo(784);
        assertThat(train.label(11)).isEqualTo(1);
        assertThat(train.features().getDouble(0, 255)).isEqualTo(255.0);
        assertThat(FashionMnist.test(tmp).size()).isEqualTo(5);
    }

    @Test
    void missingFilesSayHowToInstall() {
        assertThatThrownBy(() -> FashionMnist.train(tmp)).hasMessageContaining("apt-get install dataset-fashion-mnist");
    }

    @Test
    void wrongMagicAndTruncationNameTheFileAndOffset() throws IOException {
        writeIdx(tmp.resolve("train-images-idx3-ubyte"), 0x12340803, new int[] {2, 28, 28}, new byte[1568], false);
        writeIdx(tmp.resolve("train-labels-idx1-ubyte"), 0x801, new int[] {2}, new byte[2], false);
        assertThatThrownBy(() -> FashionMnist.train(tmp)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("train-images-idx3-ubyte, offset 0: expected IDX magic 0x00000803")
                .hasMessageContaining("found 0x12340803");
        writeIdx(tmp.resolve("train-images-idx3-ubyte"), 0x801, new int[] {2}, new byte[2], false);
        assertThatThrownBy(() -> FashionMnist.train(tmp)).hasMessageContaining("offset 3: expected rank 3, found rank 1");
        writeIdx(tmp.resolve("train-images-idx3-ubyte"), 0x803, new int[] {2, 28, 28}, new byte[1000], false);
        assertThatThrownBy(() -> FashionMnist.train(tmp)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("offset 1016").hasMessageContaining("truncated");
        writeIdx(tmp.resolve("train-images-idx3-ubyte"), 0x803, new int[] {2, 28, 28}, new byte[1568], false);
        byte[] badLabels = {3, 12};
        writeIdx(tmp.resolve("train-labels-idx1-ubyte"), 0x801, new int[] {2}, badLabels, false);
        assertThatThrownBy(() -> FashionMnist.train(tmp)).hasMessageContaining("offset 9: expected a label in 0..9, found 12");
    }

    @Test
    void installedFashionMnistLoadsWhenPresent() {
        Assumptions.assumeTrue(FashionMnist.installedDir().isPresent(),
                "Fashion-MNIST is not installed; " + FashionMnist.HOW_TO_INSTALL);
        Dataset test = FashionMnist.test(FashionMnist.installedDir().get());
        assertThat(test.size()).isEqualTo(10000);
        assertThat(test.classCounts()).containsOnly(1000);
        assertThat(Arrays.stream(test.classCounts()).sum()).isEqualTo(10000);
    }
}
