package dev.plugbench.tasks.attribution;

import dev.plugbench.api.MethodInfo;
import dev.plugbench.api.attribution.SurrogateFeatureSpace;
import dev.plugbench.api.bench.BenchTask;
import dev.plugbench.api.bench.Scale;
import java.util.List;
import java.util.Map;

/**
 * What every attribution task shares: its extension point and family, and the quick runs'
 * projection size: methods with a projection dimension {@code k} run at {@link #QUICK_K} in quick runs
 * (their cost grows with k times the parameter count), at their default otherwise.
 */
abstract class AttributionTask implements BenchTask<SurrogateFeatureSpace> {
    static final int QUICK_K = 64;

    @Override
    public List<Map<String, Object>> sweep(MethodInfo method, Scale scale) {
        boolean quick = scale.quick();
        return quick && method.parameter("k").isPresent() ? List.of(Map.of("k", QUICK_K)) : List.of(Map.of());
    }

    @Override
    public final Class<SurrogateFeatureSpace> extensionPoint() {
        return SurrogateFeatureSpace.class;
    }

    @Override
    public final String family() {
        return SurrogateFeatureSpace.FAMILY;
    }
}
