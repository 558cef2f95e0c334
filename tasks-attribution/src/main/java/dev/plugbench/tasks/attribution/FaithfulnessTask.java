package dev.plugbench.tasks.attribution;

import dev.plugbench.api.MetricSpec;
import dev.plugbench.api.Params;
import dev.plugbench.api.attribution.SurrogateFeatureSpace;
import dev.plugbench.api.bench.CellContext;
import dev.plugbench.api.bench.CellOutput;
import dev.plugbench.api.bench.Scale;
import dev.plugbench.api.bench.Setting;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The paper's faithfulness experiment on one data set: train the network (from the seed), compute
 * each method's kernel on train x train and test x train, fit the kGLM, and compare it with the
 * network on the test points. Trained problems are cached per (seed, quick), since every method of
 * a seed explains the same network.
 */
abstract class FaithfulnessTask extends AttributionTask {
    /** The kGLM's L2 penalty on standardised kernel rows. */
    static final double KGLM_LAMBDA = 1e-2;

    /** Trained problems by task, seed, size and recipe; shared by the task's instances (the lds task explains digits-multiclass's networks). */
    private static final Map<String, SurrogateProblem> CACHE = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SurrogateProblem> eldest) {
            return size() > 12;
        }
    };

    /** Builds the trained problem of a seed, the network trained by {@code recipe}. */
    abstract SurrogateProblem prepare(long seed, boolean quick, Trainer.Recipe recipe);

    /**
     * The network's recipe is the setting: the project's and the authors' in full runs (which
     * kernel tracks the network best depends on it), the project's alone in quick runs.
     */
    @Override
    public List<Setting> settings(Scale scale) {
        boolean quick = scale.quick();
        return quick ? List.of(Trainer.Recipe.PROJECT.setting())
                : java.util.Arrays.stream(Trainer.Recipe.values()).map(Trainer.Recipe::setting).toList();
    }

    SurrogateProblem problem(long seed, boolean quick, Trainer.Recipe recipe) {
        return cached(getClass().getName() + "/" + seed + "/" + quick + "/" + recipe, () -> prepare(seed, quick, recipe));
    }

    /** The problem under {@code key}, prepared once and kept in the shared cache. */
    static SurrogateProblem cached(String key, java.util.function.Supplier<SurrogateProblem> prepare) {
        synchronized (CACHE) {
            SurrogateProblem p = CACHE.get(key);
            if (p != null) {
                return p;
            }
        }
        SurrogateProblem p = prepare.get();
        synchronized (CACHE) {
            CACHE.put(key, p);
        }
        return p;
    }

    @Override
    public List<MetricSpec> metrics() {
        return List.of(MetricSpec.higher("kendall_tau", "Kendall tau between the network's and the kGLM's test probabilities"),
                MetricSpec.closestTo("tad", 0, "test-accuracy differential acc(kGLM) - acc(NN) (0 is ideal)"),
                MetricSpec.higher("r2", "R^2 of a linear fit between the network's and the kGLM's logits"),
                MetricSpec.higher("misclass_overlap", "|both wrong| / |either wrong| on the test set"),
                MetricSpec.descriptive("kernel_seconds", "time to compute the train and test kernels"));
    }

    @Override
    public DatasetInfo dataset(Scale scale) {
        boolean quick = scale.quick();
        return new DatasetInfo(name() + (quick ? " (quick)" : ""), problem(0, quick, Trainer.Recipe.PROJECT).hash());
    }

    @Override
    public CellOutput run(SurrogateFeatureSpace method, CellContext context) {
        Params params = context.params();
        Setting setting = context.setting();
        long seed = context.seed();
        boolean quick = context.quick();
        SurrogateProblem p = problem(seed, quick, Trainer.Recipe.of(setting));
        KernelCells.Kernels k = KernelCells.compute(method, params, seed, p);
        KernelLogisticRegression kglm = KernelLogisticRegression.fit(k.train(), p.trainLabels(), p.classes(), KGLM_LAMBDA);
        Map<String, Double> m = Faithfulness.metrics(Faithfulness.scores(p.network().forward(p.testX()), kglm.logits(k.test()), p.testLabels()));
        m.put("kernel_seconds", k.seconds());
        putSolution(m, kglm.solution());
        return CellOutput.of(m);
    }

    /** The kGLM's final objective, gradient norm (absolute and relative to the start) and iterations, as cell metrics. */
    static void putSolution(Map<String, Double> m, KernelLogisticRegression.Solution s) {
        m.put("kglm_objective", s.objective());
        m.put("kglm_gradient_norm", s.gradientNorm());
        m.put("kglm_relative_gradient_norm", s.relativeGradientNorm());
        m.put("kglm_iterations", (double) s.iterations());
    }
}
