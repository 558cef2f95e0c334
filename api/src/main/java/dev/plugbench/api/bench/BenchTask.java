package dev.plugbench.api.bench;

import dev.plugbench.api.ApiStatus;
import dev.plugbench.api.Method;
import dev.plugbench.api.MethodInfo;
import dev.plugbench.api.MetricSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A benchmark task of one family: a dataset, a fixed setting (or several), and the metrics the
 * harness reports. The task, not the method, computes the metrics. The host finds tasks on its class
 * path with {@link java.util.ServiceLoader} ({@code META-INF/services/dev.plugbench.api.bench.BenchTask})
 * and in plugin files (a class annotated {@code @org.pf4j.Extension}, as a method is), so a
 * benchmarker ships a task without a new host build; a family and name another source already has
 * is refused. Implementations are stateless and thread-safe: the harness runs cells in parallel.
 *
 * @param <M> the extension point of the family
 */
@ApiStatus(ApiStatus.Status.EXPERIMENTAL)
public interface BenchTask<M extends Method> extends org.pf4j.ExtensionPoint {
    /** The extension point whose methods this task compares. */
    Class<M> extensionPoint();

    /** The family (the extension point's FAMILY constant). */
    String family();

    /** The task's name, unique within the family. */
    String name();

    /** One line for reports. */
    String description();

    /** The metrics every successful cell reports, in report order. */
    List<MetricSpec> metrics();

    /** The settings of the task (e.g. cost levels, training regimes), each with typed fields; at least one, names unique. */
    default List<Setting> settings(Scale scale) {
        return List.of(Setting.named("default"));
    }

    /** The parameter assignments to run for a method (validated by the harness); one empty map means defaults. */
    default List<Map<String, Object>> sweep(MethodInfo method, Scale scale) {
        return List.of(Map.of());
    }

    /** Whether a method takes part in this task (e.g. a binary-only method on a multi-class task). */
    default boolean accepts(MethodInfo method) {
        return true;
    }

    /** Whether a method takes part, asked of the method itself (e.g. which class counts it handles); defaults to its info. */
    default boolean accepts(M method) {
        return accepts(method.info());
    }

    /** Why the task cannot run here (data not installed), with how to fix it; empty when it can. */
    default Optional<String> unavailable() {
        return Optional.empty();
    }

    /** The dataset's name and content hash, for provenance. */
    DatasetInfo dataset(Scale scale);

    /**
     * Runs one cell: the method with the context's validated parameters on the task's data for its
     * setting, seed and scale. Returns the metrics (and any series the plots need); throws with a
     * clear message when the method misbehaves (wrong shape, invalid output). The same context must
     * give the same output, in this process or another.
     */
    CellOutput run(M method, CellContext context);

    /** Extra plots from the finished rows alone (never from state kept in the task), written into {@code dir}; returns the files written. */
    default List<Path> plots(List<CellResult> rows, Scale scale, Path dir) {
        return List.of();
    }

    /**
     * The dataset behind a task.
     *
     * @param name        dataset name
     * @param contentHash SHA-256 of its content
     */
    @ApiStatus(ApiStatus.Status.EXPERIMENTAL)
    record DatasetInfo(String name, String contentHash) {
    }
}
