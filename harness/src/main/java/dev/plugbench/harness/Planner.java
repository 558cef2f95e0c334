package dev.plugbench.harness;

import dev.plugbench.api.Method;
import dev.plugbench.api.Params;
import dev.plugbench.api.bench.BenchTask;
import dev.plugbench.api.bench.CellResult;
import dev.plugbench.api.bench.Setting;
import dev.plugbench.host.RegisteredMethod;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The planner part of the harness: the cells of a task (methods x parameter sweep x settings x
 * seeds), each stamped with what produces it, and which of them a resume reads back from the cell
 * store instead of running. Cells whose stored versions came from another producer (a new plugin
 * version, changed task code or data) are planned to run, and reported.
 */
final class Planner {
    /**
     * A task's plan.
     *
     * @param cells   every cell, in report order
     * @param rows    the rows read back, by cell index; null where the cell must run (or is another shard's)
     * @param todo    the indices of the cells to run
     * @param changed per method, why its stored cells are not reused and how many cells that is
     */
    record Plan(List<CellDescription> cells, CellResult[] rows, List<Integer> todo, Map<String, Change> changed) {
    }

    /** Why a method's stored cells are stale, and how many of its cells run again. */
    record Change(String reason, int cells) {
    }

    private final Producers producers;

    Planner(Producers producers) {
        this.producers = producers;
    }

    /** Every cell of the task for these methods, in report order. */
    <M extends Method> List<CellDescription> cells(BenchTask<M> task, RunSpec spec, List<RegisteredMethod<M>> methods) {
        List<CellDescription> cells = new ArrayList<>();
        for (RegisteredMethod<M> m : methods) {
            CellDescription.Producer producer = producers.of(task, spec.scale(), m);
            java.util.Set<Params> bound = new java.util.LinkedHashSet<>();
            for (Map<String, Object> assignment : spec.sweep().apply(m.info(), task.sweep(m.info(), spec.scale()))) {
                bound.add(m.info().bind(assignment));
            }
            for (Params params : bound) {
                for (Setting setting : task.settings(spec.scale())) {
                    for (long seed = 0; seed < spec.seeds(); seed++) {
                        cells.add(new CellDescription(task.family(), task.name(), spec.scale(), m.id(), params.asMap(), setting.name(), seed,
                                producer));
                    }
                }
            }
        }
        return cells;
    }

    /** The plan: on a resume, stored cells of the same identity are read back; the rest run. */
    <M extends Method> Plan plan(BenchTask<M> task, RunSpec spec, List<RegisteredMethod<M>> methods, CellStore store,
                                 ProgressListener listener) throws IOException {
        List<CellDescription> cells = cells(task, spec, methods);
        CellResult[] rows = new CellResult[cells.size()];
        List<Integer> todo = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            if (!spec.shard().owns(i)) {
                continue; // another shard's cell: neither run nor read back
            }
            rows[i] = spec.resume() ? store.load(cells.get(i), (file, why) -> listener.cellRecomputed(task.name(), file, why)).orElse(null) : null;
            if (rows[i] == null) {
                todo.add(i);
            }
        }
        Map<String, Change> changed = new LinkedHashMap<>();
        if (spec.resume() && !todo.isEmpty()) {
            Map<String, Set<String>> stored = store.storedProducers();
            for (int i : todo) {
                CellDescription c = cells.get(i);
                Set<String> before = stored.get(c.computes());
                if (before != null && !before.isEmpty()) {
                    Change previous = changed.get(c.method());
                    changed.put(c.method(), new Change(previous != null ? previous.reason() : c.describeChangeFrom(before.iterator().next()),
                            previous != null ? previous.cells() + 1 : 1));
                }
            }
        }
        return new Plan(cells, rows, todo, changed);
    }
}
