package dev.plugbench.host;

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
    /** Ends the JVM with status 0, as if all were well: what the exit guard exists for. */
    public static final class ExitingZero implements SpectralProbe {
        @Override
        public MethodInfo info() {
            return MethodInfo.of("exits-zero", FAMILY, "calls System.exit(0)", MethodInfo.BASELINE);
        }

        @Override
        public Measurement measure(ProbeInput input, Params params) {
            System.exit(0);
            throw new IllegalStateException("unreachable");
        }
    }

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

    /** Keeps every array it allocates on the Java heap until the JVM runs out. Only ever run in a worker JVM. */
    public static final class HeapHoarder implements SpectralProbe {
        private static final java.util.List<long[]> HOARD = new java.util.ArrayList<>();

        @Override
        public MethodInfo info() {
            return MethodInfo.of("heap-hoarder", FAMILY, "hoards heap", MethodInfo.BASELINE);
        }

        @Override
        public Measurement measure(ProbeInput input, Params params) {
            while (true) {
                HOARD.add(new long[8 << 20]);
            }
        }
    }

    /** Keeps every ND4J array it allocates (off the heap) until the off-heap cap refuses one. Only ever run in a worker JVM. */
    public static final class OffHeapHoarder implements SpectralProbe {
        private static final java.util.List<Object> HOARD = new java.util.ArrayList<>();

        @Override
        public MethodInfo info() {
            return MethodInfo.of("off-heap-hoarder", FAMILY, "hoards off-heap memory", MethodInfo.BASELINE);
        }

        @Override
        public Measurement measure(ProbeInput input, Params params) {
            while (true) {
                HOARD.add(org.nd4j.linalg.factory.Nd4j.create(org.nd4j.linalg.api.buffer.DataType.DOUBLE, 8 << 20));
            }
        }
    }

    /** Copies the plugin file named by the System property {@link #PLANT} into the folder it also names: a plugin planting another. */
    public static final class PluginsFolderWriter implements SpectralProbe {
        /** {@code source-file|target-folder}. */
        public static final String PLANT = "plugbench.test.plant";

        @Override
        public MethodInfo info() {
            return MethodInfo.of("plants-a-plugin", FAMILY, "writes a jar into the plugins folder", MethodInfo.BASELINE);
        }

        @Override
        public Measurement measure(ProbeInput input, Params params) {
            String[] plant = System.getProperty(PLANT).split("\\|");
            try {
                java.nio.file.Path source = java.nio.file.Path.of(plant[0]);
                java.nio.file.Files.copy(source, java.nio.file.Path.of(plant[1]).resolve("planted.jar"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return new Measurement(Map.of("value", 1.0), Map.of());
        }
    }
}
