package dev.plugbench.host.bench;

import dev.plugbench.api.MethodInfo;
import dev.plugbench.api.Params;
import dev.plugbench.api.spectral.Measurement;
import dev.plugbench.api.spectral.ProbeInput;
import dev.plugbench.api.spectral.SpectralProbe;
import java.util.Map;

/** Probes that fail in the ways the harness must contain: throwing, a non-finite metric, hanging. */
public final class MisbehavingProbes {
    private MisbehavingProbes() {
    }

    /** Throws on every call. */
    public static final class Throwing implements SpectralProbe {
        @Override
        public MethodInfo info() {
            return MethodInfo.of("throwing", FAMILY, "throws", MethodInfo.BASELINE);
        }

        @Override
        public Measurement measure(ProbeInput input, Params params) {
            throw new IllegalStateException("this probe always fails");
        }
    }

    /** Reports a negative value, so the task's log metric is NaN. */
    public static final class Negative implements SpectralProbe {
        @Override
        public MethodInfo info() {
            return MethodInfo.of("negative", FAMILY, "negative", MethodInfo.BASELINE);
        }

        @Override
        public Measurement measure(ProbeInput input, Params params) {
            return new Measurement(Map.of("value", -1.0), Map.of());
        }
    }

    /** Never returns (until interrupted). */
    public static final class Hanging implements SpectralProbe {
        @Override
        public MethodInfo info() {
            return MethodInfo.of("hanging", FAMILY, "hangs", MethodInfo.BASELINE);
        }

        @Override
        public Measurement measure(ProbeInput input, Params params) {
            try {
                Thread.sleep(120_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("interrupted");
        }
    }

    /** Ends the JVM it runs in, as a careless or hostile plugin may. Only ever run in a worker JVM. */
    public static final class Exiting implements SpectralProbe {
        @Override
        public MethodInfo info() {
            return MethodInfo.of("exiting", FAMILY, "calls System.exit", MethodInfo.BASELINE);
        }

        @Override
        public Measurement measure(ProbeInput input, Params params) {
            System.exit(3);
            throw new IllegalStateException("unreachable");
        }
    }

    /** Spins forever and ignores interrupts: the worst runaway. Only ever run in a worker JVM. */
    public static final class Spinning implements SpectralProbe {
        @Override
        public MethodInfo info() {
            return MethodInfo.of("spinning", FAMILY, "spins forever", MethodInfo.BASELINE);
        }

        @Override
        public Measurement measure(ProbeInput input, Params params) {
            long n = 0;
            while (n >= 0) {
                n = (n + 1) % 1_000_000;
            }
            throw new IllegalStateException("unreachable");
        }
    }
}
