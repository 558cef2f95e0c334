package dev.plugbench.tasks.lwa;

import dev.plugbench.api.Params;
import dev.plugbench.api.bench.Scale;
import dev.plugbench.api.bench.Setting;
import dev.plugbench.api.lwa.Costs;
import dev.plugbench.api.lwa.RejectionProblem;
import dev.plugbench.api.lwa.RejectionRule;
import dev.plugbench.api.model.Model;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One seed's data of a built-in lwa task exactly as the harness's cells see it: the training and
 * test split, the frozen client, the task's cost settings and training budget. For applications
 * that fit a rule outside the harness and deploy it (plugbench-serving): a rule fitted here with
 * {@link #problem} and {@link #params} is the rule of the harness's cell of the same method, setting
 * and seed. Read-only and thread-safe; arrays are shared, not copied (do not write into them).
 */
public final class LwaSplit {
    private final LwaTask task;
    private final long seed;
    private final boolean quick;
    private final LwaData data;

    private LwaSplit(LwaTask task, long seed, boolean quick) {
        this.task = task;
        this.seed = seed;
        this.quick = quick;
        this.data = task.data(seed, quick);
    }

    /** The built-in lwa tasks by name, in the order {@code bench lwa} runs them. */
    public static List<String> tasks() {
        return builtIn().stream().map(LwaTask::name).toList();
    }

    /**
     * The split of {@code task} for {@code seed}, as in a {@code --quick} run when {@code quick}.
     *
     * @throws IllegalArgumentException for an unknown task (the message lists them) or one whose data is not installed here
     */
    public static LwaSplit of(String task, long seed, boolean quick) {
        LwaTask t = builtIn().stream().filter(x -> x.name().equals(task)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no lwa task '" + task + "'; the tasks: " + String.join(", ", tasks())));
        Optional<String> why = t.unavailable();
        if (why.isPresent()) {
            throw new IllegalArgumentException("lwa task '" + task + "' cannot run here: " + why.get());
        }
        return new LwaSplit(t, seed, quick);
    }

    private static List<LwaTask> builtIn() {
        return List.of(new SyntheticTask(), new DigitsBinaryTask(), new DigitsMulticlassTask(), new FmnistShirtTshirtTask());
    }

    public String task() {
        return task.name();
    }

    public long seed() {
        return seed;
    }

    public boolean quick() {
        return quick;
    }

    /** The fixed client, trained on the training split only. */
    public Model client() {
        return data.client();
    }

    public int classes() {
        return data.classes();
    }

    /** Number of features per input. */
    public int features() {
        return (int) data.testX().columns();
    }

    public INDArray trainX() {
        return data.trainX();
    }

    public int[] trainY() {
        return data.trainY().clone();
    }

    public INDArray testX() {
        return data.testX();
    }

    public int[] testY() {
        return data.testY().clone();
    }

    /** The client's class for each test input. */
    public int[] clientTest() {
        return data.clientTest().clone();
    }

    /** The task's cost settings by their names ({@code ce=0.1,c1=1}), as its results name them. */
    public Map<String, Costs> settings() {
        return task.settings(Scale.of(quick)).stream().collect(Collectors.toMap(Setting::name, LwaTask::costs, (a, b) -> a, java.util.LinkedHashMap::new));
    }

    /**
     * The costs of a setting name.
     *
     * @throws IllegalArgumentException when the task has no such setting (the message lists them)
     */
    public Costs costs(String setting) {
        Costs c = settings().get(setting);
        if (c == null) {
            throw new IllegalArgumentException("lwa task '" + task() + "' has no setting '" + setting + "'" + (quick ? " in quick runs" : "")
                    + "; its settings: " + String.join(", ", settings().keySet()));
        }
        return c;
    }

    /** The problem a cell at these costs fits its rule on. */
    public RejectionProblem problem(Costs costs) {
        return new RejectionProblem(data.client(), data.trainX(), data.trainY(), data.classes(), costs);
    }

    /** The parameters the harness gives {@code rule} on this task: its defaults and the task's training budget. */
    public Params params(RejectionRule rule) {
        return rule.info().bind(task.sweep(rule.info(), Scale.of(quick)).get(0));
    }

    /** Whether the task takes {@code rule} (a binary-only rule on a multi-class task does not). */
    public boolean accepts(RejectionRule rule) {
        return task.accepts(rule);
    }
}
