package dev.plugbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plugbench.cli.Main;
import dev.plugbench.toolkit.data.Dataset;
import dev.plugbench.toolkit.data.Digits;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bring your own data: {@code bench lwa|latent --data FILE.csv} runs the family's task on the file
 * with the product plugins, and a malformed file is refused before anything runs, naming the row and
 * column, with exit status 1.
 */
class UserDataTest {
    @TempDir
    Path tmp;

    private static final String PLUGINS = System.getProperty("plugbench.plugins", "target/plugins");

    /** Digits 3 and 8 (relabelled 0 and 1), 8x8 pixels then the label per row. */
    private Path digitsCsv() throws IOException {
        Dataset d = Digits.load().selectClasses(3, 8);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            for (int j = 0; j < 64; j++) {
                sb.append((int) d.features().getDouble(i, j)).append(',');
            }
            sb.append(d.label(i)).append('\n');
        }
        Path f = tmp.resolve("three-vs-eight.csv");
        Files.writeString(f, sb.toString());
        return f;
    }

    private record Run(int code, String out, String err) {
    }

    private static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void aCsvDataSetRunsInTheLwaAndLatentFamilies() throws IOException {
        Path csv = digitsCsv();
        Run lwa = cli("bench", "lwa", "--data", csv.toString(), "--quick", "--seeds", "1", "--methods", "confidence", "--plugins", PLUGINS,
                "--out", tmp.resolve("lwa").toString());
        assertThat(lwa.code()).as(lwa.err()).isZero();
        assertThat(lwa.out()).contains("lwa / data-three-vs-eight (quick)").contains("| confidence |");
        JsonNode results = new ObjectMapper().readTree(tmp.resolve("lwa/data-three-vs-eight/results.json").toFile());
        assertThat(results.get("description").asText()).contains("200 rows, 64 features, 2 classes");
        assertThat(results.get("rows")).isNotEmpty().allSatisfy(r -> assertThat(r.get("metrics").get("system_accuracy").asDouble()).isGreaterThan(0.8));
        Run latent = cli("bench", "latent", "--data", csv.toString(), "--quick", "--seeds", "1", "--methods", "vq", "--plugins", PLUGINS,
                "--out", tmp.resolve("latent").toString());
        assertThat(latent.code()).as(latent.err()).isZero();
        assertThat(latent.out()).contains("latent / data-three-vs-eight (quick)").contains("| vq |");
    }

    @Test
    void aMalformedCsvIsRefusedWithItsRowAndColumn() throws IOException {
        Path csv = digitsCsv();
        java.util.List<String> lines = new java.util.ArrayList<>(Files.readAllLines(csv));
        lines.set(6, lines.get(6).replaceFirst("^[0-9]+,", "nan,"));
        Files.write(csv, lines);
        Run r = cli("bench", "lwa", "--data", csv.toString(), "--quick", "--seeds", "1", "--plugins", PLUGINS, "--out", tmp.resolve("bad").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("--data " + csv + " is refused").contains("row 7, column 1: expected a finite number, found 'nan'")
                .contains("hint: a CSV row is the features then an integer label");
        Files.writeString(csv, "1,2,3\n4,5\n");
        Run width = cli("bench", "latent", "--data", csv.toString(), "--plugins", PLUGINS, "--out", tmp.resolve("bad2").toString());
        assertThat(width.code()).isEqualTo(1);
        assertThat(width.err()).contains("row 2: expected 3 values like the first row (2 features and a label), found 2 values");
        Run family = cli("bench", "spectral", "--data", csv.toString(), "--plugins", PLUGINS, "--out", tmp.resolve("bad3").toString());
        assertThat(family.code()).isEqualTo(1);
        assertThat(family.err()).contains("--data is for the families [latent, lwa], not 'spectral'");
        assertThat(tmp.resolve("bad")).doesNotExist();
    }
}
