package dev.plugbench.harness;

import dev.plugbench.api.Method;
import dev.plugbench.api.bench.BenchTask;
import dev.plugbench.api.bench.CellResult;
import dev.plugbench.host.Plugbench;
import dev.plugbench.host.RegisteredMethod;
import java.time.Duration;

/**
 * Turns a {@link CellDescription} into a run on a host: finds the task and the method, checks that
 * what the host has loaded is what the description was planned with (plugin version and file hash,
 * task code, dataset), then runs the cell. A mismatch fails that cell with the reason, never runs
 * other code under the description's name. The same in this JVM and in a worker JVM.
 */
final class CellResolver {
    private final Plugbench host;
    private final TaskRegistry tasks;
    private final Producers producers;

    CellResolver(Plugbench host, TaskRegistry tasks, Producers producers) {
        this.host = host;
        this.tasks = tasks;
        this.producers = producers;
    }

    CellResult run(CellDescription cell, Duration timeout) {
        BenchTask<?> task = tasks.find(cell.family(), cell.task()).orElse(null);
        if (task == null) {
            return CellRunner.failed(cell, System.nanoTime(), "this host has no task " + cell.family() + "/" + cell.task()
                    + ": put the jar that provides it on the worker's class path");
        }
        return run(task, cell, timeout);
    }

    private <M extends Method> CellResult run(BenchTask<M> task, CellDescription cell, Duration timeout) {
        RegisteredMethod<M> method = host.methods(task.extensionPoint()).stream().filter(m -> m.id().equals(cell.method())).findFirst()
                .orElse(null);
        if (method == null) {
            return CellRunner.failed(cell, System.nanoTime(), "this host has no method '" + cell.method() + "' in family '" + cell.family() + "'");
        }
        CellDescription.Producer here = producers.of(task, cell.scale(), method);
        if (!here.equals(cell.producer())) {
            return CellRunner.failed(cell, System.nanoTime(), "refused: the cell was planned for " + cell.producer() + " but this host has "
                    + here + " (a plugin swapped during the run, or a worker given other files)");
        }
        return CellRunner.run(task, method.method(), cell, timeout);
    }
}
