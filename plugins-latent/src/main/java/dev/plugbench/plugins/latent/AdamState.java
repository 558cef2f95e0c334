package dev.plugbench.plugins.latent;

/** Adam (0.9, 0.999, 1e-8) on a plain array of parameters: the codebooks and dictionaries learn with it. */
final class AdamState {
    private final double learningRate;
    private final double[] m;
    private final double[] v;
    private long t;

    AdamState(int size, double learningRate) {
        this.learningRate = learningRate;
        this.m = new double[size];
        this.v = new double[size];
    }

    void step(double[] w, double[] g) {
        t++;
        double c1 = 1 - Math.pow(0.9, t);
        double c2 = 1 - Math.pow(0.999, t);
        for (int i = 0; i < w.length; i++) {
            m[i] = 0.9 * m[i] + 0.1 * g[i];
            v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
            w[i] -= learningRate * (m[i] / c1) / (Math.sqrt(v[i] / c2) + 1e-8);
        }
    }

    /** Forgets the moments of entries [from, to) (a restarted code starts afresh). */
    void reset(int from, int to) {
        for (int i = from; i < to; i++) {
            m[i] = 0;
            v[i] = 0;
        }
    }
}
