package dev.plugbench.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The request form read back exactly, for batches below, at and past the reader's first allocation. */
class DecideJsonTest {
    private static DecideJson.Rows read(String json, int width) {
        return DecideJson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), width, 10_000);
    }

    private static String rows(int n, int width) {
        StringBuilder s = new StringBuilder("{\"rows\": [");
        for (int i = 0; i < n; i++) {
            s.append(i == 0 ? "[" : ", [");
            for (int j = 0; j < width; j++) {
                s.append(j == 0 ? "" : ", ").append(i * 1000 + j + 0.25);
            }
            s.append(']');
        }
        return s.append("]}").toString();
    }

    @Test
    void everyValueComesBackInRowMajorOrder() {
        for (int n : new int[] {1, 4, 5, 64, 333}) {
            DecideJson.Rows r = read(rows(n, 3), 3);
            assertThat(r.n()).isEqualTo(n);
            assertThat(r.values()).hasSize(3 * n);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < 3; j++) {
                    assertThat(r.values()[i * 3 + j]).isEqualTo(i * 1000 + j + 0.25);
                }
            }
        }
    }

    @Test
    void aRowOfTheWrongWidthIsNamed() {
        assertThatThrownBy(() -> read("{\"rows\": [[1, 2, 3], [1, 2, 3], [1, 2, 3], [1, 2, 3], [1, 2]]}", 3))
                .hasMessageContaining("row 4 has 2 values; each row must have 3 features");
    }
}
