package dev.plugbench.serving;

import dev.plugbench.api.Params;
import dev.plugbench.api.lwa.Costs;
import dev.plugbench.api.lwa.FittedRule;
import dev.plugbench.api.lwa.RejectionRule;
import dev.plugbench.host.Plugbench;
import dev.plugbench.host.PluginInfo;
import dev.plugbench.host.Problem;
import dev.plugbench.host.RegisteredMethod;
import dev.plugbench.tasks.lwa.LwaSplit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the offload decisions of lwa methods on a running host, swapping each method's rule and
 * expert when its plugin changes, with no failed request. Thread-safe: any number of threads may
 * call {@link #decide} while plugins are replaced.
 *
 * <p>How a swap happens: the host loads the new plugin version (the old one keeps answering its
 * calls); this service hears of it ({@link Plugbench#onPluginChanged}) and, on one background
 * thread at the lowest CPU priority (nice 19: it takes the CPU the requests leave), fits the new
 * version's rule on the same problem and seed, checks it on a sample of the test inputs and
 * decides that sample 50 times (its classes are new to the JIT). Only then does
 * it replace the method's served rule, with one reference write. A request reads that reference
 * once and decides its whole batch with it, so every response comes from
 * exactly one version, and requests never wait for a fit. A version that fails to fit or to decide,
 * and every plugin the host refuses (bad descriptor, failing sample call, untrusted), leaves the
 * previous version serving and is counted as a refusal with its reason.
 *
 * <pre>{@code
 * try (Plugbench host = Plugbench.builder().pluginsDir(plugins).watchPluginsDir(true).discoverClasspath(false).build();
 *      RuleService service = RuleService.start(host, RuleSource.fitted("digits-binary", 0, true, Optional.empty()),
 *              List.of("l2h-joint"), new SimpleMeterRegistry())) {
 *     DecisionBatch d = service.decide("l2h-joint", rows);   // n x 64 inputs
 * }
 * }</pre>
 */
public final class RuleService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RuleService.class);
    /** Rows of the test split a new version must decide before it serves. */
    private static final int CHECK_ROWS = 64;
    /**
     * Times a new version decides that sample before it serves: its classes are new to the JIT (a class loader of their own), and
     * its first calls run interpreted, at about three times the latency of a warm one.
     */
    private static final int WARM_CALLS = 50;
    private static final int MAX_REFUSALS_KEPT = 50;
    private static final int FIT_ATTEMPTS = 3;

    private final Plugbench host;
    private final RuleSource source;
    private final LwaSplit split;
    private final Costs costs;
    private final String setting;
    private final Map<String, ServedRule> served = new ConcurrentHashMap<>();
    private final Map<String, Combiner> combiners = new ConcurrentHashMap<>();
    private final List<String> methods;
    private final ExecutorService refitter;
    private final MeterRegistry meters;
    private final Map<String, Counter> decisions = new ConcurrentHashMap<>();
    private final Map<String, Counter> offloads = new ConcurrentHashMap<>();
    private final Counter swaps;
    private final Counter refusals;
    private final Deque<Refusal> recentRefusals = new ArrayDeque<>();
    private volatile boolean closed;

    /**
     * A version that does not serve, and why.
     *
     * @param subject the method and version, or the plugin file the host refused
     * @param reason  what went wrong, with the fix where the host gave one
     * @param at      when
     */
    public record Refusal(String subject, String reason, Instant at) {
    }

    /**
     * What one method serves now.
     *
     * @param method   the method id
     * @param plugin   its plugin id
     * @param version  the plugin version whose rule answers requests
     * @param fittedAt when that rule was fitted
     * @param params   the parameters it was fitted with
     * @param expected the stored cell's metrics its decisions reproduce (empty when fitted fresh)
     * @param file     the plugin file it came from
     */
    public record ServedMethod(String method, String plugin, String version, Instant fittedAt, Map<String, Object> params,
                               Map<String, Double> expected, Optional<String> file) {
    }

    private RuleService(Plugbench host, RuleSource source, List<String> methods, MeterRegistry meters) {
        this.host = Objects.requireNonNull(host, "host is null");
        this.source = Objects.requireNonNull(source, "source is null");
        this.meters = Objects.requireNonNull(meters, "meters is null");
        if (methods.isEmpty()) {
            throw new IllegalArgumentException("no method to serve: name at least one lwa method (served: " + lwaMethods() + ")");
        }
        this.methods = List.copyOf(methods);
        this.split = LwaSplit.of(source.task(), source.seed(), source.quick());
        Map<String, Costs> settings = split.settings();
        this.setting = source.setting().orElse(settings.keySet().iterator().next());
        this.costs = split.costs(setting);
        this.swaps = Counter.builder("plugbench.serving.swaps").description("rules replaced by a new plugin version while serving").register(meters);
        this.refusals = Counter.builder("plugbench.serving.refusals").description("plugin versions refused: the previous one kept serving")
                .register(meters);
        for (String m : this.methods) {
            decisions.put(m, Counter.builder("plugbench.serving.decisions").tag("method", m).description("inputs decided").register(meters));
            offloads.put(m, Counter.builder("plugbench.serving.offloaded").tag("method", m).description("inputs sent to the expert").register(meters));
            meters.gauge("plugbench.serving.offload.rate", List.of(io.micrometer.core.instrument.Tag.of("method", m)), this,
                    s -> s.offloadRate(m));
        }
        for (String m : this.methods) {
            served.put(m, fit(m, 1)); // a method that cannot be fitted at start fails the start, saying why
            combiners.put(m, new Combiner(() -> served.get(m), split.features()));
        }
        refitter = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(() -> {
                BackgroundPriority.lowerCurrentThread(); // a fit takes the CPU the requests leave
                r.run();
            }, "plugbench-serving-refit");
            t.setDaemon(true);
            return t;
        });
        host.onPluginChanged(this::pluginChanged);
        host.onProblem(this::hostRefused);
    }

    /**
     * Fits every method's rule (they all must fit: the message of the first that does not says why) and starts serving.
     *
     * @param host    a host with the methods' plugins; with {@code watchPluginsDir(true)} a replaced plugin file swaps the rule
     * @param source  the task, seed, setting and parameters to fit on
     * @param methods lwa method ids
     * @param meters  where the decisions, offloads, swaps and refusals are counted
     * @throws IllegalArgumentException for an unknown task, setting or method, or a method the task does not take
     */
    public static RuleService start(Plugbench host, RuleSource source, List<String> methods, MeterRegistry meters) {
        return new RuleService(host, source, methods, meters);
    }

    /** The methods served, in the order given. */
    public List<String> methodIds() {
        return methods;
    }

    /** The split the rules were fitted on (its test inputs are the natural traffic to check them with). */
    public LwaSplit split() {
        return split;
    }

    /** The cost setting's name. */
    public String setting() {
        return setting;
    }

    public Costs costs() {
        return costs;
    }

    public RuleSource source() {
        return source;
    }

    /** Inputs per row the rules take. */
    public int features() {
        return split.features();
    }

    /** Ready once every method has a rule (from the start on, until {@link #close}). */
    public boolean ready() {
        return !closed && served.size() == methods.size();
    }

    /**
     * Decides a batch with the method's current version.
     *
     * @param rows n x {@link #features()} inputs
     * @throws NoSuchElementException   for a method not served (the message lists those that are)
     * @throws IllegalArgumentException for a batch of the wrong width, or with NaN or infinite values
     */
    public DecisionBatch decide(String method, INDArray rows) {
        ServedRule rule = served.get(method);
        if (rule == null) {
            throw notServed(method);
        }
        if (rows.rank() != 2 || rows.columns() != rule.features()) {
            throw new IllegalArgumentException("each row must have " + rule.features() + " features (the " + split.task() + " inputs); got shape "
                    + java.util.Arrays.toString(rows.shape()));
        }
        DecisionBatch d = rule.decide(rows);
        return counted(method, d);
    }

    /**
     * Decides {@code n} rows given row-major in {@code rows} ({@link #features()} finite values each), batched with the rows of
     * other threads' calls that wait meanwhile (dynamic batching: one array computation for all of them, each call's rows still
     * decided by one version).
     *
     * @throws NoSuchElementException   for a method not served
     * @throws IllegalArgumentException for rows of the wrong length, or with NaN or infinite values
     */
    public DecisionBatch decide(String method, double[] rows, int n) {
        Combiner combiner = combiners.get(method);
        if (combiner == null) {
            throw notServed(method);
        }
        int width = features();
        if (n < 1 || rows.length != n * width) {
            throw new IllegalArgumentException(n + " rows of " + width + " features need " + n * width + " values; got " + rows.length);
        }
        for (int i = 0; i < rows.length; i++) {
            if (!Double.isFinite(rows[i])) {
                throw new IllegalArgumentException("row " + i / width + ", feature " + i % width + " is " + rows[i] + ": every feature must be a finite number");
            }
        }
        DecisionBatch d = combiner.decide(rows, n);
        return counted(method, d);
    }

    /** {@link #decide(String, double[], int)} on rows given as arrays. */
    public DecisionBatch decide(String method, double[][] rows) {
        int width = features();
        if (rows.length == 0) {
            throw new IllegalArgumentException("the batch is empty: send at least one row");
        }
        double[] flat = new double[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] == null || rows[i].length != width) {
                throw new IllegalArgumentException("row " + i + " has " + (rows[i] == null ? 0 : rows[i].length) + " values; each row must have "
                        + width + " features");
            }
            System.arraycopy(rows[i], 0, flat, i * width, width);
        }
        return decide(method, flat, rows.length);
    }

    private DecisionBatch counted(String method, DecisionBatch d) {
        decisions.get(method).increment(d.size());
        offloads.get(method).increment(d.offloaded());
        return d;
    }

    /** The error for a method this service does not serve, listing those it does. */
    NoSuchElementException notServed(String method) {
        return new NoSuchElementException("method '" + method + "' is not served here; served: " + String.join(", ", methods));
    }

    /** What each method serves now. */
    public List<ServedMethod> served() {
        Map<String, Path> files = pluginFiles();
        List<ServedMethod> out = new ArrayList<>();
        for (String m : methods) {
            ServedRule r = served.get(m);
            if (r != null) {
                out.add(new ServedMethod(m, r.plugin(), r.version(), r.fittedAt(), r.params(), source.expected().getOrDefault(m, Map.of()),
                        Optional.ofNullable(files.get(r.plugin())).map(Object::toString)));
            }
        }
        return out;
    }

    /** The latest refusals, newest last (at most 50). */
    public List<Refusal> refusals() {
        synchronized (recentRefusals) {
            return List.copyOf(recentRefusals);
        }
    }

    /** Swaps so far. */
    public long swapCount() {
        return (long) swaps.count();
    }

    /** Refusals so far. */
    public long refusalCount() {
        return (long) refusals.count();
    }

    /**
     * Reloads the plugin of {@code method} from its file (the same version too) and serves the rule the reloaded version fits,
     * waiting for it; the previous rule serves until then and stays if the reload or the fit fails.
     *
     * @return what the method serves afterwards
     * @throws NoSuchElementException for a method not served
     */
    public ServedMethod reload(String method) throws InterruptedException {
        ServedRule rule = served.get(method);
        if (rule == null) {
            throw notServed(method);
        }
        try {
            refitter.submit(() -> {
                try {
                    host.reloadPlugin(rule.plugin());
                } catch (RuntimeException e) {
                    refuse(rule.plugin() + " (reload)", e.getMessage());
                    return;
                }
                refit(method, true);
            }).get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        return served().stream().filter(s -> s.method().equals(method)).findFirst().orElseThrow();
    }

    private void pluginChanged(String pluginId) {
        if (closed) {
            return;
        }
        for (String m : methods) {
            refitter.execute(() -> refit(m, false));
        }
    }

    private void hostRefused(Problem problem) {
        if (closed) {
            return;
        }
        switch (problem.kind()) {
            case DIRECTORY, DUPLICATE_TASK, THREAD_LEFT_RUNNING -> {
                // not a version refused: the folder, a task, or a retired version's thread (logged by the host)
            }
            default -> refuse(problem.subject(), problem.message() + " (" + problem.fix() + ")");
        }
    }

    /** Fits the version the host serves now, if it is not the one this service serves; keeps the old one when it fails. */
    private void refit(String method, boolean force) {
        if (closed) {
            return;
        }
        ServedRule old = served.get(method);
        Optional<RegisteredMethod<RejectionRule>> now = registered(method);
        if (now.isEmpty()) {
            refuse(method, "its plugin was unloaded; version " + old.version() + " keeps serving until a plugin with '" + method + "' is loaded");
            return;
        }
        if (!force && now.get().pluginId().equals(old.plugin()) && now.get().pluginVersion().equals(old.version())) {
            return;
        }
        try {
            ServedRule fresh = fit(method, WARM_CALLS);
            served.put(method, fresh);
            swaps.increment();
            LOG.info("{}: serving {} {} (was {})", method, fresh.plugin(), fresh.version(), old.version());
        } catch (RuntimeException e) {
            LOG.debug("{}: version {} refused", method, now.get().pluginVersion(), e);
            refuse(method + " " + now.get().pluginVersion(), "it failed to fit or decide: " + e + "; version " + old.version() + " keeps serving");
        }
    }

    private void refuse(String subject, String reason) {
        refusals.increment();
        LOG.warn("refused {}: {}", subject, reason);
        synchronized (recentRefusals) {
            recentRefusals.addLast(new Refusal(subject, reason, Instant.now()));
            while (recentRefusals.size() > MAX_REFUSALS_KEPT) {
                recentRefusals.removeFirst();
            }
        }
    }

    /**
     * The method's rule fitted by the version the host registers now, checked on a sample of the test inputs and warmed by deciding
     * it {@code warmCalls} times in all.
     */
    private ServedRule fit(String method, int warmCalls) {
        for (int attempt = 0; attempt < FIT_ATTEMPTS; attempt++) {
            RegisteredMethod<RejectionRule> before = registered(method).orElseThrow(() -> new IllegalArgumentException(
                    "no lwa method '" + method + "' is loaded; the lwa methods: " + lwaMethods()));
            RejectionRule handle = before.method();
            if (!split.accepts(handle)) {
                throw new IllegalArgumentException("lwa task '" + split.task() + "' (" + split.classes() + " classes) does not take method '" + method
                        + "': give a task it handles, e.g. a binary one");
            }
            Map<String, Object> given = source.params().get(method);
            Params params = given == null ? split.params(handle) : handle.info().bind(given);
            FittedRule rule = handle.fit(split.problem(costs), params, split.seed());
            Optional<RegisteredMethod<RejectionRule>> after = registered(method);
            if (after.isPresent() && after.get().pluginId().equals(before.pluginId()) && after.get().pluginVersion().equals(before.pluginVersion())) {
                ServedRule fitted = new ServedRule(method, before.pluginId(), before.pluginVersion(), rule, split.client(), split.classes(),
                        split.features(), costs, params.asMap(), Instant.now());
                INDArray sample = split.testX().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, Math.min(CHECK_ROWS, split.testX().rows())),
                        org.nd4j.linalg.indexing.NDArrayIndex.all()).dup();
                fitted.decide(sample); // throws what is wrong with it
                for (int i = 1; i < warmCalls; i++) {
                    fitted.decide(sample);
                }
                return fitted;
            }
            // the plugin was swapped while this fitted: fit the version that is there now
        }
        throw new IllegalStateException("the plugin of '" + method + "' changed during each of " + FIT_ATTEMPTS + " fits; try again when it is stable");
    }

    private Optional<RegisteredMethod<RejectionRule>> registered(String method) {
        return host.methods(RejectionRule.class).stream().filter(m -> m.id().equals(method)).findFirst();
    }

    private String lwaMethods() {
        return String.join(", ", host.methods(RejectionRule.class).stream().map(RegisteredMethod::id).toList());
    }

    private Map<String, Path> pluginFiles() {
        Map<String, Path> files = new LinkedHashMap<>();
        for (PluginInfo p : host.plugins()) {
            files.put(p.id(), p.file());
        }
        return files;
    }

    private double offloadRate(String method) {
        double n = decisions.get(method).count();
        return n == 0 ? Double.NaN : offloads.get(method).count() / n;
    }

    /** Stops refitting; requests in flight finish. The host stays open (its owner closes it). */
    @Override
    public void close() {
        closed = true;
        refitter.shutdownNow();
        try {
            refitter.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
