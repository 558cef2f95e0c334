package dev.plugbench.spark;

import dev.plugbench.harness.WorkerProcess;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * The worker JVMs of this Spark executor (or of the driver in local mode), kept between tasks: a
 * task borrows an idle worker started from the same setup, or starts one, and gives it back after
 * its cell unless the cell retired it. Workers end when their executor does (they watch their
 * parent process) or when the driver's run closes them in local mode.
 */
final class NodeWorkers {
    private static final Map<ShippedSetup, Deque<WorkerProcess>> IDLE = new ConcurrentHashMap<>();

    private NodeWorkers() {
    }

    static WorkerProcess borrow(ShippedSetup setup) {
        WorkerProcess w = IDLE.computeIfAbsent(setup, k -> new ConcurrentLinkedDeque<>()).pollFirst();
        return w != null ? w : WorkerProcess.start(setup.onThisNode());
    }

    static void giveBack(ShippedSetup setup, WorkerProcess worker) {
        if (worker.reusable()) {
            IDLE.computeIfAbsent(setup, k -> new ConcurrentLinkedDeque<>()).addFirst(worker);
        }
    }

    /** Ends every idle worker of this JVM. */
    static void closeEvery() {
        IDLE.keySet().forEach(NodeWorkers::closeAll);
    }

    /** Ends the idle workers of {@code setup} in this JVM. */
    static void closeAll(ShippedSetup setup) {
        Deque<WorkerProcess> idle = IDLE.remove(setup);
        if (idle != null) {
            idle.forEach(WorkerProcess::close);
        }
    }
}
