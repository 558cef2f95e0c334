package dev.plugbench.tasks.spectral;

import dev.plugbench.api.spectral.SpectralProbe;
import dev.plugbench.api.bench.BenchTask;

/** What every spectral task shares: its extension point and family. */
abstract class SpectralTask implements BenchTask<SpectralProbe> {
    @Override
    public final Class<SpectralProbe> extensionPoint() {
        return SpectralProbe.class;
    }

    @Override
    public final String family() {
        return SpectralProbe.FAMILY;
    }
}
