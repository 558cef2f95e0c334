package dev.plugbench.spark;

import dev.plugbench.harness.CellExecutor;
import dev.plugbench.harness.RunnerProvider;
import dev.plugbench.harness.WorkerSetup;

/**
 * {@code --runner spark[=MASTER]}: the cells as Spark tasks. MASTER is any Spark master URL
 * ({@code local[K]}, {@code local-cluster[N,C,MB]}, {@code spark://HOST:PORT}, {@code yarn},
 * {@code k8s://...}); without it, the master spark-submit set ({@code spark.master}), else
 * {@code local[--threads]}. A SparkContext already running in the JVM with that master is used and
 * left running; one this runner starts is stopped after the run.
 */
public final class SparkRunnerProvider implements RunnerProvider {
    @Override
    public String name() {
        return "spark";
    }

    @Override
    public String usage() {
        return "spark[=MASTER]: MASTER is local[K], local-cluster[N,CORES,MB], spark://HOST:PORT, yarn or k8s://...; "
                + "without it spark-submit's master, else local[--threads]";
    }

    @Override
    public CellExecutor open(String argument, WorkerSetup setup, int threads) {
        return SparkCellExecutor.open(argument.isBlank() ? null : argument, setup, threads);
    }
}
