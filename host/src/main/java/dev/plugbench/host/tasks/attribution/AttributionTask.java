package dev.plugbench.host.tasks.attribution;

import dev.plugbench.api.attribution.SurrogateFeatureSpace;
import dev.plugbench.host.bench.BenchTask;

/** What every attribution task shares: its extension point and family. */
abstract class AttributionTask implements BenchTask<SurrogateFeatureSpace> {
    @Override
    public final Class<SurrogateFeatureSpace> extensionPoint() {
        return SurrogateFeatureSpace.class;
    }

    @Override
    public final String family() {
        return SurrogateFeatureSpace.FAMILY;
    }
}
