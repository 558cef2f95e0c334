package dev.plugbench.api.bench;

import dev.plugbench.api.ApiStatus;
import dev.plugbench.api.Params;
import java.util.Objects;

/**
 * What one cell of a benchmark runs with, besides the method.
 *
 * @param params the method's validated parameters
 * @param setting the task setting
 * @param seed   the seed; the same context gives the same metrics
 * @param scale  quick or full
 */
@ApiStatus(ApiStatus.Status.EXPERIMENTAL)
public record CellContext(Params params, Setting setting, long seed, Scale scale) {
    public CellContext {
        Objects.requireNonNull(params, "params is null");
        Objects.requireNonNull(setting, "setting is null");
        Objects.requireNonNull(scale, "scale is null");
    }

    /** Whether the cell runs at {@link Scale#QUICK}. */
    public boolean quick() {
        return scale.quick();
    }
}
