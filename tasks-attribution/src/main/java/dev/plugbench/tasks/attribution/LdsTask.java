package dev.plugbench.tasks.attribution;

import dev.plugbench.api.MetricSpec;
import dev.plugbench.api.Params;
import dev.plugbench.api.attribution.SurrogateFeatureSpace;
import dev.plugbench.api.bench.CellContext;
import dev.plugbench.api.bench.CellOutput;
import dev.plugbench.api.bench.Scale;
import dev.plugbench.api.bench.Setting;
import dev.plugbench.harness.CacheDirectory;
import dev.plugbench.toolkit.data.Shuffle;
import dev.plugbench.toolkit.metrics.Spearman;
import dev.plugbench.toolkit.nn.Network;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Counterfactual ground truth: the linear datamodeling score (LDS; Park et al., TRAK, ICML 2023) on
 * the 10-class digits task of {@link DigitsMulticlassTask} (the project's recipe). As in TRAK's
 * protocol the data and the counterfactuals are fixed and the explained model varies: one
 * stratified split (that of seed {@value #SPLIT_SEED}); networks retrained, with the same recipe and
 * each its own initialisation, on random halves S_j of its training set; their margins
 * log(p_y / (1 - p_y)) on the test points are the truth, the same for every seed. A cell's seed
 * chooses the explained network (trained on the whole training set from that seed) and the
 * method's own randomness. Its kGLM predicts the margin after training on S_j from its attributions
 * restricted to S_j: z_c(x) = sum over i in S_j of a_ci(x), plus b_c. Per test point, LDS is
 * Spearman's rho over the subsets between predicted and retrained margins; a cell reports its mean
 * over test points ({@code lds}) and the standard error of that mean ({@code lds_stderr}).
 *
 * <p>{@value #SUBSETS} subsets in full runs, {@value #SUBSETS_QUICK} in quick ones, retrained once
 * for all seeds and methods, on every core (each network is independent and seeded, so the margins
 * do not depend on the thread count), and cached on disk (see {@link #cacheDirectory()}): a rerun
 * does not retrain.
 */
public final class LdsTask extends AttributionTask {
    static final int SUBSETS = 50;
    static final int SUBSETS_QUICK = 12;
    /** The seed whose stratified split every cell uses. */
    static final long SPLIT_SEED = 0;
    /** Bump when the retraining changes, so that cached margins of the old code are not reused. */
    private static final int RETRAINING_VERSION = 2;
    /** Networks retrained by this JVM (the cache test counts them). */
    static final AtomicInteger RETRAINED = new AtomicInteger();

    private final DigitsMulticlassTask data = new DigitsMulticlassTask();
    private final Map<String, Retrained> retrained = new ConcurrentHashMap<>();

    /** The subsets (as training-set masks) and the retrained networks' test margins, subsets x test points. */
    record Retrained(boolean[][] subsets, double[][] margins) {
    }

    @Override
    public String name() {
        return "lds";
    }

    @Override
    public String description() {
        return "Linear datamodeling score on UCI digits (10 classes, MLP 64-100-100-10): Spearman between the kGLM's "
                + "attribution-predicted and the actually retrained margins over random half-subsets of the training set.";
    }

    @Override
    public List<MetricSpec> metrics() {
        return List.of(MetricSpec.higher("lds", "mean over test points of Spearman's rho (over subsets) between predicted and retrained margins"),
                MetricSpec.descriptive("lds_stderr", "standard error of that mean over test points"),
                MetricSpec.descriptive("kernel_seconds", "time to compute the train and test kernels"));
    }

    @Override
    public List<Setting> settings(Scale scale) {
        return List.of(Trainer.Recipe.PROJECT.setting());
    }

    @Override
    public DatasetInfo dataset(Scale scale) {
        return data.dataset(scale);
    }

    @Override
    public CellOutput run(SurrogateFeatureSpace method, CellContext context) {
        Params params = context.params();
        Setting setting = context.setting();
        long seed = context.seed();
        boolean quick = context.quick();
        Trainer.Recipe recipe = Trainer.Recipe.of(setting);
        SurrogateProblem p = data.problemOnSplit(SPLIT_SEED, seed, quick, recipe);
        Retrained truth = retrained.computeIfAbsent(quick + "/" + recipe, k -> retrain(p, quick, recipe));
        KernelCells.Kernels k = KernelCells.compute(method, params, seed, p);
        KernelLogisticRegression kglm = KernelLogisticRegression.fit(k.train(), p.trainLabels(), p.classes(), FaithfulnessTask.KGLM_LAMBDA);
        int tests = p.testLabels().length;
        int subsets = truth.subsets().length;
        double[][] predicted = new double[tests][subsets];
        for (int j = 0; j < subsets; j++) {
            INDArray logits = kglm.logits(k.test(), truth.subsets()[j]);
            for (int t = 0; t < tests; t++) {
                predicted[t][j] = Faithfulness.logOdds(logits, t, p.testLabels()[t]);
            }
        }
        Map<String, Double> m = new LinkedHashMap<>(score(predicted, truth.margins()));
        m.put("kernel_seconds", k.seconds());
        FaithfulnessTask.putSolution(m, kglm.solution());
        return CellOutput.of(m);
    }

    /** {@code lds}, {@code lds_stderr} and {@code lds_points} (test points with a defined rho) from predicted[test][subset] and actual[subset][test]. */
    static Map<String, Double> score(double[][] predicted, double[][] actual) {
        List<Double> rhos = new ArrayList<>();
        for (int t = 0; t < predicted.length; t++) {
            double[] truth = new double[actual.length];
            for (int j = 0; j < actual.length; j++) {
                truth[j] = actual[j][t];
            }
            double rho = Spearman.rho(predicted[t], truth);
            if (!Double.isNaN(rho)) {
                rhos.add(rho);
            }
        }
        double mean = rhos.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        double var = rhos.stream().mapToDouble(r -> (r - mean) * (r - mean)).sum() / Math.max(1, rhos.size() - 1);
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("lds", mean);
        m.put("lds_stderr", Math.sqrt(var / Math.max(1, rhos.size())));
        m.put("lds_points", (double) rhos.size());
        return m;
    }

    /** The retrained margins, from the disk cache or by retraining (then cached). */
    private Retrained retrain(SurrogateProblem p, boolean quick, Trainer.Recipe recipe) {
        int count = quick ? SUBSETS_QUICK : SUBSETS;
        int n = p.trainLabels().length;
        boolean[][] subsets = new boolean[count][n];
        for (int j = 0; j < count; j++) {
            int[] order = Shuffle.permutation(n, new SplittableRandom(SPLIT_SEED * 1_000_003L + j));
            for (int i = 0; i < n / 2; i++) {
                subsets[j][order[i]] = true;
            }
        }
        int steps = quick ? DigitsMulticlassTask.STEPS_QUICK : DigitsMulticlassTask.STEPS;
        String key = String.join("|", "lds", "v" + RETRAINING_VERSION, p.hash(), "n=" + n, "tests=" + p.testLabels().length,
                "split=" + SPLIT_SEED, "quick=" + quick, "subsets=" + count, recipe.settingName(), "steps=" + steps);
        Path file = cacheDirectory().resolve("lds-" + sha256(key) + ".bin");
        double[][] cached = read(file, count, p.testLabels().length);
        if (cached != null) {
            return new Retrained(subsets, cached);
        }
        double[][] margins = new double[count][];
        int threads = Math.min(count, Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "lds-retraining");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int j = 0; j < count; j++) {
                int subset = j;
                done.add(pool.submit(() -> {
                    margins[subset] = marginsAfterTraining(p, subsets[subset], recipe, (SPLIT_SEED + 1) * 100_000L + subset, steps);
                    RETRAINED.incrementAndGet();
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retraining the LDS networks", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("retraining an LDS network failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        write(file, margins);
        return new Retrained(subsets, margins);
    }

    private static double[] marginsAfterTraining(SurrogateProblem p, boolean[] subset, Trainer.Recipe recipe, long seed, int steps) {
        int[] rows = java.util.stream.IntStream.range(0, subset.length).filter(i -> subset[i]).toArray();
        int[] labels = java.util.Arrays.stream(rows).map(i -> p.trainLabels()[i]).toArray();
        Network net = Trainer.train(recipe, p.trainX().getRows(rows), labels, p.classes(), seed, steps);
        INDArray out = net.forward(p.testX());
        double[] margins = new double[p.testLabels().length];
        for (int t = 0; t < margins.length; t++) {
            margins[t] = Faithfulness.logOdds(out, t, p.testLabels()[t]);
        }
        return margins;
    }

    /** Where retrained margins are kept: {@link CacheDirectory}. */
    static Path cacheDirectory() {
        return CacheDirectory.get();
    }

    private static double[][] read(Path file, int rows, int columns) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (InputStream raw = Files.newInputStream(file); DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw))) {
            if (in.readInt() != rows || in.readInt() != columns) {
                return null;
            }
            double[][] m = new double[rows][columns];
            for (double[] row : m) {
                for (int c = 0; c < columns; c++) {
                    row[c] = in.readDouble();
                }
            }
            return m;
        } catch (IOException e) {
            return null; // a truncated or unreadable cache file: retrain and overwrite it
        }
    }

    private static void write(Path file, double[][] m) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), ".lds", ".tmp");
            try (OutputStream raw = Files.newOutputStream(tmp); DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(raw))) {
                out.writeInt(m.length);
                out.writeInt(m[0].length);
                for (double[] row : m) {
                    for (double v : row) {
                        out.writeDouble(v);
                    }
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            System.getLogger(LdsTask.class.getName()).log(System.Logger.Level.WARNING,
                    "cannot cache retrained margins in " + file.getParent() + " (" + e.getMessage() + "); set -Dplugbench.cache to a writable folder");
        }
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
