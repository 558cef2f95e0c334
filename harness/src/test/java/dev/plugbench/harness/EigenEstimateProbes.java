package dev.plugbench.harness;

import dev.plugbench.api.MethodInfo;
import dev.plugbench.api.Params;
import dev.plugbench.api.spectral.Measurement;
import dev.plugbench.api.spectral.ProbeInput;
import dev.plugbench.api.spectral.SpectralProbe;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Version 1 and 2 of a plugin's probes for {@link EigenEstimateTask}: power iteration on W^T W.
 * {@code steady} is the same in both versions; {@code restarted} changes only its start vector in
 * version 2 (as good, other numbers); {@code sharp} drops from 30 iterations to 1 in version 2 (a
 * planted regression).
 */
public final class EigenEstimateProbes {
    private EigenEstimateProbes() {
    }

    static Measurement powerIteration(ProbeInput input, int steps, boolean alternating) {
        double[][] w = input.current().parameter("0.W").castTo(DataType.DOUBLE).toDoubleMatrix();
        int n = w[0].length;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = alternating ? (i % 2 == 0 ? 1 : -1) * (1 + i % 3) : 1;
        }
        double rayleigh = 0;
        for (int s = 0; s < steps; s++) {
            double[] wv = new double[w.length];
            for (int r = 0; r < w.length; r++) {
                for (int c = 0; c < n; c++) {
                    wv[r] += w[r][c] * v[c];
                }
            }
            double[] next = new double[n];
            for (int c = 0; c < n; c++) {
                for (int r = 0; r < w.length; r++) {
                    next[c] += w[r][c] * wv[r];
                }
            }
            double dot = 0;
            double norm = 0;
            for (int c = 0; c < n; c++) {
                dot += v[c] * next[c];
                norm += next[c] * next[c];
            }
            double vv = 0;
            for (double x : v) {
                vv += x * x;
            }
            rayleigh = dot / vv;
            norm = Math.sqrt(norm);
            for (int c = 0; c < n; c++) {
                v[c] = next[c] / norm;
            }
        }
        return new Measurement(Map.of("top", rayleigh), Map.of());
    }

    /** A probe with a fixed number of iterations and start vector, under a method id. */
    abstract static class Fixed implements SpectralProbe {
        private final String id;
        private final int steps;
        private final boolean alternating;

        Fixed(String id, int steps, boolean alternating) {
            this.id = id;
            this.steps = steps;
            this.alternating = alternating;
        }

        @Override
        public MethodInfo info() {
            return MethodInfo.of(id, FAMILY, id, MethodInfo.BASELINE);
        }

        @Override
        public Measurement measure(ProbeInput input, Params params) {
            return powerIteration(input, steps, alternating);
        }
    }

    /** The same in both versions: 30 iterations from the ones vector. */
    public static final class Steady extends Fixed {
        public Steady() {
            super("steady", 30, false);
        }
    }

    /** Version 1: 3 iterations from the ones vector. */
    public static final class Restarted extends Fixed {
        public Restarted() {
            super("restarted", 3, false);
        }
    }

    /** Version 2 of {@link Restarted}: 3 iterations from another start vector. */
    public static final class RestartedV2 extends Fixed {
        public RestartedV2() {
            super("restarted", 3, true);
        }
    }

    /** Version 1: 30 iterations. */
    public static final class Sharp extends Fixed {
        public Sharp() {
            super("sharp", 30, false);
        }
    }

    /** Version 2 of {@link Sharp}, regressed: 1 iteration. */
    public static final class SharpRegressed extends Fixed {
        public SharpRegressed() {
            super("sharp", 1, false);
        }
    }

    /** Power iteration with a parameter: {@code steps} (1 to 1000, default 30) and {@code start} (ones or alternating). */
    public static final class Power implements SpectralProbe {
        @Override
        public MethodInfo info() {
            return new MethodInfo("power", FAMILY, "power iteration", MethodInfo.BASELINE, java.util.List.of(
                    dev.plugbench.api.ParamSpec.integer("steps", 30, 1, 1000, "power iterations"),
                    dev.plugbench.api.ParamSpec.choice("start", "ones", java.util.List.of("ones", "alternating"), "the start vector")));
        }

        @Override
        public Measurement measure(ProbeInput input, Params params) {
            return powerIteration(input, params.integer("steps"), params.choice("start").equals("alternating"));
        }
    }
}
