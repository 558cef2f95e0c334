package dev.plugbench.host;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The host's problem list: append-only, thread-safe, and logged as it grows. */
final class Problems {
    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);
    private final List<Problem> list = new CopyOnWriteArrayList<>();
    private final List<java.util.function.Consumer<Problem>> listeners = new CopyOnWriteArrayList<>();

    void add(Problem p) {
        list.add(p);
        LOG.warn("{}", p);
        for (var l : listeners) {
            try {
                l.accept(p);
            } catch (RuntimeException e) {
                LOG.warn("a problem listener failed", e);
            }
        }
    }

    /** Called with each problem as it is recorded (after the list holds it). */
    void onProblem(java.util.function.Consumer<Problem> listener) {
        listeners.add(listener);
    }

    void addAll(List<Problem> ps) {
        ps.forEach(this::add);
    }

    List<Problem> snapshot() {
        return List.copyOf(list);
    }
}
