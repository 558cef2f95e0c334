package dev.plugbench.toolkit.data;

import java.util.SplittableRandom;

/** Standard normal draws from a {@link SplittableRandom} (Marsaglia's polar method), reproducible per seed. */
public final class Gaussian {
    private Gaussian() {
    }

    /** One N(0, 1) draw. */
    public static double next(SplittableRandom rng) {
        double u;
        double v;
        double s;
        do {
            u = 2 * rng.nextDouble() - 1;
            v = 2 * rng.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * Math.sqrt(-2 * Math.log(s) / s);
    }

    /** n draws. */
    public static double[] next(SplittableRandom rng, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = next(rng);
        }
        return out;
    }
}
