package dev.plugbench.examples.docs;

import dev.plugbench.api.spectral.SpectralProbe;
import dev.plugbench.tck.SpectralProbeContract;

// sdk-docs/packaging.md's kit test, run by the build
// tag::kit[]
class MyProbeTest extends SpectralProbeContract {          // dev.plugbench.tck
    @Override protected SpectralProbe method() { return new MyProbe(); }
}
// end::kit[]
