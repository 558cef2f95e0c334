package dev.plugbench.tasks.latent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugbench.api.bench.CellOutput;
import dev.plugbench.api.bench.CellResult;
import dev.plugbench.api.bench.Scale;
import dev.plugbench.api.latent.LatentQuantizer;
import dev.plugbench.host.RegisteredMethod;
import dev.plugbench.host.ProductPluginsTest;
import dev.plugbench.harness.TaskCells;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LatentTasksTest extends ProductPluginsTest {
    @Test
    void thePluginRegistersEveryQuantizer() {
        assertThat(host.problems()).isEmpty();
        assertThat(host.methods(LatentQuantizer.class)).extracting(RegisteredMethod::id).containsExactly("dictionary", "rvq", "vq",
                "vq-ema");
    }

    @Test
    void s0IsSweptOnlyForMethodsThatHaveIt() {
        DigitsLatentTask task = new DigitsLatentTask();
        assertThat(task.sweep(host.method(LatentQuantizer.class, "dictionary").info(), Scale.FULL)).hasSize(4);
        assertThat(task.sweep(host.method(LatentQuantizer.class, "vq").info(), Scale.FULL)).containsExactly(Map.of());
        assertThat(TaskCells.settingNames(task, false)).containsExactly("K=64,C=4,S=16");
    }

    @Test
    void theSameAutoencoderLearnsWithEveryQuantizerAndThePlotsAreWritten(@TempDir Path dir) throws Exception {
        DigitsLatentTask task = new DigitsLatentTask();
        List<CellResult> rows = new ArrayList<>();
        for (String id : List.of("vq-ema", "dictionary")) {
            LatentQuantizer q = host.method(LatentQuantizer.class, id);
            var params = q.info().defaults();
            CellOutput out = TaskCells.output(task, q, params, "K=64,C=4,S=16", 0, true);
            Map<String, Double> m = out.metrics();
            // the plots read the reconstructions from the row: seed 0 carries the first test images' reconstructions
            assertThat(out.series()).hasSize(LatentTask.SHOWN).allSatisfy((k, v) -> assertThat(v).hasSize(64));
            rows.add(new CellResult(id, params.asMap(), "K=64,C=4,S=16", 0, m, 1, null, out.series()));
            // a trained autoencoder reconstructs far better than the mean image (about 11 dB on digits)
            assertThat(m.get("psnr_db")).as(id).isGreaterThan(14);
            assertThat(m.get("ssim")).as(id).isBetween(0.0, 1.0);
            assertThat(m.get("perplexity")).as(id).isBetween(1.0, 64.0);
            assertThat(m.get("dead_code_fraction")).as(id).isBetween(0.0, 1.0);
            double uses = 0;
            for (int k = 0; k < 64; k++) {
                uses += m.get(LatentTask.USAGE + k);
            }
            // every test latent (16 per test image) uses one code, or up to S0 = 3 atoms
            double latents = 16.0 * task.images(0, true).test().rows();
            assertThat(uses).as(id).isBetween(latents, id.equals("dictionary") ? 3 * latents : latents);
            // one 6-bit index per vector; a sparse code up to S0 = 3 atoms with their coefficients
            assertThat(m.get("bits_per_vector")).as(id).isBetween(id.equals("dictionary") ? 6.0 + CodeRate.COEFFICIENT_BITS : 6.0,
                    id.equals("dictionary") ? 3 * (6.0 + CodeRate.COEFFICIENT_BITS) : 6.0);
        }
        List<Path> files = task.plots(rows, Scale.QUICK, dir);
        assertThat(files).extracting(Path::toString).containsExactly("reconstructions.png", "code-usage.png", "psnr-vs-s0.png",
                "rate-distortion.png");
        for (Path f : files) {
            assertThat(Files.size(dir.resolve(f))).isGreaterThan(1000);
        }
    }
}
