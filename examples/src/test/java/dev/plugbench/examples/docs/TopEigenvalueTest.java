package dev.plugbench.examples.docs;

import dev.plugbench.api.spectral.SpectralProbe;
import dev.plugbench.tck.SpectralProbeContract;

/** sdk-docs/spectral.md's probe through the conformance kit. */
class TopEigenvalueTest extends SpectralProbeContract {
    @Override
    protected SpectralProbe method() {
        return new TopEigenvalue();
    }
}
