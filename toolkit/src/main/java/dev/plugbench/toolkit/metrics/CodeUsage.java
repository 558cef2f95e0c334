package dev.plugbench.toolkit.metrics;

/**
 * Statistics of how often each code (VQ codeword, dictionary atom) is used.
 *
 * @param counts uses per code
 */
public record CodeUsage(long[] counts) {
    public CodeUsage {
        if (counts.length == 0) {
            throw new IllegalArgumentException("code usage needs at least one code");
        }
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] < 0) {
                throw new IllegalArgumentException("code " + i + " has a negative count " + counts[i]);
            }
        }
        counts = counts.clone();
    }

    /** exp(entropy) of the usage distribution: K for uniform use, 1 when one code takes everything; 0 when nothing was used. */
    public double perplexity() {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        if (total == 0) {
            return 0;
        }
        double h = 0;
        for (long c : counts) {
            if (c > 0) {
                double p = (double) c / total;
                h -= p * Math.log(p);
            }
        }
        return Math.exp(h);
    }

    /** Fraction of codes never used. */
    public double deadFraction() {
        int dead = 0;
        for (long c : counts) {
            if (c == 0) {
                dead++;
            }
        }
        return dead / (double) counts.length;
    }
}
