package dev.plugbench.host;

import dev.plugbench.api.MethodInfo;
import dev.plugbench.api.Params;
import dev.plugbench.api.spectral.Measurement;
import dev.plugbench.api.spectral.ProbeInput;
import dev.plugbench.api.spectral.SpectralProbe;
import java.util.Map;

/** Probes that keep their old versions alive after a hot swap, each in another way the drill must name. */
public final class LeakyProbes {
    /** The System property prefix under which {@link StaticLeak} stores itself (tests remove these). */
    public static final String STATIC_KEY = "plugbench.test.leak.";
    /** Set this System property to "true" to let {@link StubbornThread}'s threads end. */
    public static final String RELEASE_STUBBORN = "plugbench.test.releaseStubborn";

    private LeakyProbes() {
    }

    private static Measurement measurement() {
        return new Measurement(Map.of("value", 1.0), Map.of());
    }

    /** Keeps itself in a ThreadLocal of every thread that calls it. */
    public static final class ThreadLocalLeak implements SpectralProbe {
        private static final ThreadLocal<Object> HELD = new ThreadLocal<>();

        @Override
        public MethodInfo info() {
            return MethodInfo.of("threadlocal-leak", FAMILY, "keeps itself in a ThreadLocal", MethodInfo.BASELINE);
        }

        @Override
        public Measurement measure(ProbeInput input, Params params) {
            HELD.set(this);
            return measurement();
        }
    }

    /** Registers itself in a JDK-wide registry (System properties) and never unregisters. */
    public static final class StaticLeak implements SpectralProbe {
        @Override
        public MethodInfo info() {
            return MethodInfo.of("static-leak", FAMILY, "registers itself in System properties", MethodInfo.BASELINE);
        }

        @Override
        public Measurement measure(ProbeInput input, Params params) {
            System.getProperties().put(STATIC_KEY + System.identityHashCode(this), this);
            return measurement();
        }
    }

    /** Starts a non-daemon thread on its first call that runs until interrupted. */
    public static final class ThreadStarter implements SpectralProbe {
        private volatile boolean started;

        @Override
        public MethodInfo info() {
            return MethodInfo.of("thread-starter", FAMILY, "starts a thread", MethodInfo.BASELINE);
        }

        @Override
        public synchronized Measurement measure(ProbeInput input, Params params) {
            if (!started) {
                started = true;
                new Thread(() -> {
                    try {
                        while (true) {
                            Thread.sleep(20);
                        }
                    } catch (InterruptedException e) {
                        // ends when interrupted
                    }
                }, "leaky-ticker-" + System.identityHashCode(this)).start();
            }
            return measurement();
        }
    }

    /** Starts a daemon thread that ignores interrupts, until {@link #RELEASE_STUBBORN} is set. */
    public static final class StubbornThread implements SpectralProbe {
        private volatile boolean started;

        @Override
        public MethodInfo info() {
            return MethodInfo.of("stubborn-thread", FAMILY, "starts a thread that ignores interrupts", MethodInfo.BASELINE);
        }

        @Override
        public synchronized Measurement measure(ProbeInput input, Params params) {
            if (!started) {
                started = true;
                Thread t = new Thread(() -> {
                    while (!Boolean.getBoolean(RELEASE_STUBBORN)) {
                        try {
                            Thread.sleep(20);
                        } catch (InterruptedException e) {
                            // ignored, on purpose
                        }
                    }
                }, "stubborn-worker");
                t.setDaemon(true);
                t.start();
            }
            return measurement();
        }
    }
}
