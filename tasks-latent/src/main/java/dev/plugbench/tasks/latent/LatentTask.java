package dev.plugbench.tasks.latent;

import dev.plugbench.api.MethodInfo;
import dev.plugbench.api.MetricSpec;
import dev.plugbench.api.Params;
import dev.plugbench.api.bench.BenchTask;
import dev.plugbench.api.bench.CellContext;
import dev.plugbench.api.bench.CellOutput;
import dev.plugbench.api.bench.CellResult;
import dev.plugbench.api.bench.Scale;
import dev.plugbench.api.bench.Setting;
import dev.plugbench.api.latent.LatentQuantizer;
import dev.plugbench.api.latent.Quantizer;
import dev.plugbench.api.latent.QuantizerShape;
import dev.plugbench.toolkit.metrics.CodeUsage;
import dev.plugbench.toolkit.metrics.Psnr;
import dev.plugbench.toolkit.metrics.Ssim;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What every latent task shares. Per cell: the task's images (pixels in [0, 1]), an autoencoder
 * built from the seed alone (so every method starts from the same weights and sees the same
 * batches), trained with the method's quantizer for the task's step budget, then scored on the
 * test images. S0 ({@code sparsity}) is swept for the methods that declare it. Reconstructions of
 * the first test images of seed-0 cells are kept in memory for the plots of the same run.
 */
abstract class LatentTask implements BenchTask<LatentQuantizer> {
    static final int BATCH = 64;
    static final double LEARNING_RATE = 1e-3;
    static final int SHOWN = 10;
    static final String USAGE = "usage@";
    static final Ssim SSIM = new Ssim(7, 1.5);

    /** The images of a task: pixels in [0, 1], {@code height x width} each. */
    record Images(INDArray train, INDArray test, int height, int width, String contentHash) {
    }

    private final Map<String, Images> cache = new ConcurrentHashMap<>();
    /** Seed-0 reconstructions of the first test images, by cell label, for the plots. */
    /** Series name prefix of the reconstructions a seed-0 cell returns for the plot. */
    static final String RECONSTRUCTION = "reconstruction@";

    @Override
    public final Class<LatentQuantizer> extensionPoint() {
        return LatentQuantizer.class;
    }

    @Override
    public final String family() {
        return LatentQuantizer.FAMILY;
    }

    @Override
    public List<MetricSpec> metrics() {
        return List.of(
                MetricSpec.higher("psnr_db", "mean PSNR of the test reconstructions, 10 log10(1 / MSE) per image, in dB"),
                MetricSpec.higher("ssim", "mean SSIM of the test reconstructions (7x7 Gaussian window, sigma 1.5)"),
                MetricSpec.lower("mse", "mean squared error of the test reconstructions"),
                MetricSpec.descriptive("bits_per_vector", "code size per latent vector: log2 K bits per code or atom used, plus "
                        + CodeRate.COEFFICIENT_BITS + " per coefficient when a method's coefficients vary (all 1: none sent)"),
                MetricSpec.descriptive("perplexity", "exp(entropy) of code/atom usage on the test latents (atoms: p_j = uses / all uses)"),
                MetricSpec.descriptive("dead_code_fraction", "fraction of codes or atoms never used on the test latents"),
                MetricSpec.descriptive("train_seconds", "wall time of the training loop"),
                MetricSpec.descriptive("quantize_us_per_vector", "quantize time per latent vector on the test latents, in microseconds"));
    }

    abstract Images load(long seed, boolean quick);

    abstract int sites();

    abstract int latentWidth();

    abstract int codebookSize();

    abstract int hidden();

    abstract int steps(boolean quick);

    final Images images(long seed, boolean quick) {
        return cache.computeIfAbsent(seed + "/" + quick, k -> load(seed, quick));
    }

    @Override
    public List<Setting> settings(Scale scale) {
        return List.of(Setting.of("K=" + codebookSize() + ",C=" + latentWidth() + ",S=" + sites(), "K", codebookSize(), "C", latentWidth(),
                "S", sites()));
    }

    @Override
    public List<Map<String, Object>> sweep(MethodInfo method, Scale scale) {
        boolean quick = scale.quick();
        if (method.parameter("sparsity").isEmpty()) {
            return List.of(Map.of());
        }
        return (quick ? List.of(1, 3) : List.of(1, 2, 3, 4)).stream().map(s -> Map.<String, Object>of("sparsity", s)).toList();
    }

    @Override
    public DatasetInfo dataset(Scale scale) {
        boolean quick = scale.quick();
        return new DatasetInfo(name() + (quick ? " (quick)" : ""), images(0, quick).contentHash());
    }

    @Override
    public CellOutput run(LatentQuantizer method, CellContext context) {
        Params params = context.params();
        long seed = context.seed();
        boolean quick = context.quick();
        Images data = images(seed, quick);
        Quantizer quantizer = method.create(new QuantizerShape(latentWidth(), codebookSize()), params, seed);
        Autoencoder ae = Autoencoder.mlp((int) data.train().columns(), hidden(), sites(), latentWidth(), seed);
        long t0 = System.nanoTime();
        ae.train(data.train(), quantizer, steps(quick), BATCH, LEARNING_RATE, seed);
        double trainSeconds = (System.nanoTime() - t0) / 1e9;
        ae.reconstruct(data.test(), quantizer); // warm-up of the timed quantize call
        Autoencoder.Reconstruction r = ae.reconstruct(data.test(), quantizer);
        double[] original = data.test().castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] rebuilt = r.images().castTo(DataType.DOUBLE).dup('c').data().asDouble();
        int n = (int) data.test().rows();
        int d = (int) data.test().columns();
        double psnr = 0;
        double ssim = 0;
        double mse = 0;
        for (int i = 0; i < n; i++) {
            double[] a = java.util.Arrays.copyOfRange(original, i * d, (i + 1) * d);
            double[] b = java.util.Arrays.copyOfRange(rebuilt, i * d, (i + 1) * d);
            psnr += Psnr.of(a, b, 1.0);
            ssim += SSIM.of(a, b, data.height(), data.width(), 1.0);
            for (int j = 0; j < d; j++) {
                mse += (a[j] - b[j]) * (a[j] - b[j]);
            }
        }
        long[] counts = new long[codebookSize()];
        for (int[] row : r.quantization().codes()) {
            for (int c : row) {
                if (c >= codebookSize()) {
                    throw new IllegalStateException(method.info().id() + " used code " + c + " of a codebook of " + codebookSize());
                }
                if (c >= 0) {
                    counts[c]++;
                }
            }
        }
        CodeUsage usage = new CodeUsage(counts);
        double bits = CodeRate.bitsPerVector(r.quantization(), codebookSize());
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("psnr_db", psnr / n);
        m.put("ssim", ssim / n);
        m.put("mse", mse / ((double) n * d));
        m.put("bits_per_vector", bits);
        m.put("perplexity", usage.perplexity());
        m.put("dead_code_fraction", usage.deadFraction());
        m.put("train_seconds", trainSeconds);
        m.put("quantize_us_per_vector", r.quantizeSeconds() * 1e6 / ((double) n * sites()));
        for (int k = 0; k < counts.length; k++) {
            m.put(USAGE + k, (double) counts[k]);
        }
        // the first test images' reconstructions, for the plot, travel in the row (float32 values, exact as doubles)
        Map<String, double[]> series = new LinkedHashMap<>();
        if (seed == 0) {
            for (int i = 0; i < SHOWN; i++) {
                series.put(RECONSTRUCTION + i, r.images().getRow(i).castTo(DataType.FLOAT).castTo(DataType.DOUBLE).toDoubleVector());
            }
        }
        return new CellOutput(m, series);
    }

    @Override
    public List<Path> plots(List<CellResult> rows, Scale scale, Path dir) {
        boolean quick = scale.quick();
        try {
            return LatentPlots.write(this, rows, images(0, quick), dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
