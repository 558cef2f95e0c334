package dev.plugbench.tasks.attribution;

import dev.plugbench.api.MetricSpec;
import dev.plugbench.api.Params;
import dev.plugbench.api.attribution.KernelRequest;
import dev.plugbench.api.attribution.SurrogateFeatureSpace;
import dev.plugbench.api.bench.CellContext;
import dev.plugbench.api.bench.CellOutput;
import dev.plugbench.api.bench.CellResult;
import dev.plugbench.api.bench.Scale;
import dev.plugbench.toolkit.metrics.KendallTau;
import dev.plugbench.toolkit.metrics.Ranking;
import dev.plugbench.toolkit.nn.Network;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Poisoning: the network is trained on digits where 10% of the 1s carry a corner trigger and the
 * label 7. For triggered test 1s, the kGLM's attributions a_ci(x) = W_ci K(x, x_i) for the class the
 * network predicts rank the training points; a faithful surrogate puts the poisoned points first.
 * Also Kendall tau between network and kGLM on triggered (at the target class) and clean test points.
 */
public final class PoisonTask extends AttributionTask {
    /** Test points whose top attributions are kept for the image grid. */
    static final int SHOWN = 4;
    static final int TOP = 5;


    @Override
    public String name() {
        return "poison";
    }

    @Override
    public String description() {
        return "UCI digits with 10% of the 1s' training images triggered (2x2 corner) and relabelled 7; MLP 64-100-100-10; "
                + "do the kGLM's attributions for triggered test 1s find the poisoned training points?";
    }

    @Override
    public List<MetricSpec> metrics() {
        return List.of(MetricSpec.descriptive("attack_success", "triggered test 1s the network classifies as 7"),
                MetricSpec.higher("poison_precision_at_k", "poisoned points among the k most attributed (k = number poisoned)"),
                MetricSpec.higher("poison_auroc", "AUROC of the attributions for retrieving poisoned points"),
                MetricSpec.higher("tau_poisoned", "Kendall tau network vs kGLM on triggered test points (target class)"),
                MetricSpec.higher("tau_clean", "Kendall tau network vs kGLM on clean test points (true class)"),
                MetricSpec.descriptive("kernel_seconds", "time to compute the kernels"));
    }

    @Override
    public DatasetInfo dataset(Scale scale) {
        boolean quick = scale.quick();
        return new DatasetInfo("uci-digits-poisoned (source 1 -> target 7, 10%, seed 0)", PoisonedDigits.of(0, quick).hash());
    }

    private final Map<String, Object[]> cache = new java.util.concurrent.ConcurrentHashMap<>();

    private Object[] problem(long seed, boolean quick) {
        return cache.computeIfAbsent(seed + "/" + quick, k -> {
            PoisonedDigits d = PoisonedDigits.of(seed, quick);
            Network net = Trainer.train(Trainer.Recipe.PROJECT, d.train(), d.trainLabels(), 10, seed, quick ? 200 : 300);
            return new Object[] {d, net};
        });
    }

    @Override
    public CellOutput run(SurrogateFeatureSpace method, CellContext context) {
        Params params = context.params();
        long seed = context.seed();
        boolean quick = context.quick();
        Object[] pr = problem(seed, quick);
        PoisonedDigits d = (PoisonedDigits) pr[0];
        Network net = (Network) pr[1];
        int nTrig = (int) d.triggered().rows();
        INDArray tests = Nd4j.vstack(d.triggered(), d.cleanTest());
        int[] testLabels = IntStream.concat(IntStream.generate(() -> PoisonedDigits.TARGET).limit(nTrig), Arrays.stream(d.cleanLabels())).toArray();
        long t0 = System.nanoTime();
        INDArray kTrain = method.kernel(new KernelRequest(net, d.train(), d.train(), d.trainLabels(), d.trainLabels()), params, seed);
        INDArray kTest = method.kernel(new KernelRequest(net, tests, d.train(), testLabels, d.trainLabels()), params, seed);
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (kTrain.rows() != d.train().rows() || kTrain.columns() != d.train().rows() || kTest.rows() != tests.rows()
                || kTest.columns() != d.train().rows()) {
            throw new IllegalStateException("kernel '" + method.info().id() + "' returned shapes " + Arrays.toString(kTrain.shape())
                    + " and " + Arrays.toString(kTest.shape()) + "; expected train x train and test x train");
        }
        KernelLogisticRegression kglm = KernelLogisticRegression.fit(kTrain, d.trainLabels(), 10, FaithfulnessTask.KGLM_LAMBDA);
        INDArray netOut = net.forward(tests);
        INDArray kglmLogits = kglm.logits(kTest);
        INDArray predicted = netOut.argMax(1);

        Map<String, Double> m = new LinkedHashMap<>();
        int success = 0;
        double precision = 0;
        double auroc = 0;
        int k = d.poisonedCount();
        for (int j = 0; j < nTrig; j++) {
            int c = predicted.getInt(j);
            success += c == PoisonedDigits.TARGET ? 1 : 0;
            double[] a = kglm.attributions(kTest.get(NDArrayIndex.point(j), NDArrayIndex.all()), c);
            precision += Ranking.precisionAtK(a, d.poisoned(), k);
            auroc += Ranking.auroc(a, d.poisoned());
            if (j < SHOWN) {
                int[] top = IntStream.range(0, a.length).boxed().sorted(Comparator.comparingDouble(i -> -a[i])).limit(TOP)
                        .mapToInt(Integer::intValue).toArray();
                for (int r = 0; r < TOP; r++) {
                    m.put("top" + r + "@point" + j, (double) top[r]);
                }
            }
        }
        m.put("attack_success", success / (double) nTrig);
        m.put("poison_precision_at_k", precision / nTrig);
        m.put("poison_auroc", auroc / nTrig);
        Faithfulness.Scores s = Faithfulness.scores(netOut, kglmLogits, testLabels);
        m.put("tau_poisoned", KendallTau.tauB(Arrays.copyOfRange(s.networkLogit(), 0, nTrig), Arrays.copyOfRange(s.kglmLogit(), 0, nTrig)));
        m.put("tau_clean", KendallTau.tauB(Arrays.copyOfRange(s.networkLogit(), nTrig, (int) tests.rows()),
                Arrays.copyOfRange(s.kglmLogit(), nTrig, (int) tests.rows())));
        m.put("kernel_seconds", seconds);
        m.put("poisoned_points", (double) k);
        FaithfulnessTask.putSolution(m, kglm.solution());
        return CellOutput.of(m);
    }

    @Override
    public List<Path> plots(List<CellResult> rows, Scale scale, Path dir) {
        boolean quick = scale.quick();
        PoisonedDigits d = PoisonedDigits.of(0, quick);
        return AttributionGrid.write(rows, d, dir);
    }
}
