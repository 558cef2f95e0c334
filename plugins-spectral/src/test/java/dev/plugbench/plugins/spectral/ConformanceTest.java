package dev.plugbench.plugins.spectral;

import dev.plugbench.api.spectral.SpectralProbe;
import dev.plugbench.tck.SpectralProbeContract;
import org.junit.jupiter.api.Nested;

/** Every method of the plugin passes the conformance kit (plugbench-tck), as a third-party plugin's would. */
class ConformanceTest {
    @Nested
    class CkSpectrumProbeConformance extends SpectralProbeContract {
        @Override
        protected SpectralProbe method() {
            return new CkSpectrumProbe();
        }
    }

    @Nested
    class HeavyTailProbeConformance extends SpectralProbeContract {
        @Override
        protected SpectralProbe method() {
            return new HeavyTailProbe();
        }
    }

    @Nested
    class KtaProbeConformance extends SpectralProbeContract {
        @Override
        protected SpectralProbe method() {
            return new KtaProbe();
        }
    }

    @Nested
    class NormChangeProbeConformance extends SpectralProbeContract {
        @Override
        protected SpectralProbe method() {
            return new NormChangeProbe();
        }
    }

    @Nested
    class NtkSpectrumProbeConformance extends SpectralProbeContract {
        @Override
        protected SpectralProbe method() {
            return new NtkSpectrumProbe();
        }
    }

    @Nested
    class SpikeAlignmentProbeConformance extends SpectralProbeContract {
        @Override
        protected SpectralProbe method() {
            return new SpikeAlignmentProbe();
        }
    }

    @Nested
    class WeightEsdProbeConformance extends SpectralProbeContract {
        @Override
        protected SpectralProbe method() {
            return new WeightEsdProbe();
        }
    }
}
