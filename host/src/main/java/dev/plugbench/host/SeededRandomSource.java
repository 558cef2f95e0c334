package dev.plugbench.host;

import dev.plugbench.api.services.RandomSource;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Random streams keyed by (seed, name): the name is hashed with 64-bit FNV-1a, mixed with the seed
 * and finalised with SplitMix64, so streams are reproducible and independent of call order.
 */
final class SeededRandomSource implements RandomSource {
    @Override
    public SplittableRandom stream(long seed, String stream) {
        return new SplittableRandom(derive(seed, stream));
    }

    @Override
    public long derive(long seed, String stream) {
        long h = 0xcbf29ce484222325L;
        for (byte b : stream.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return mix(seed * 0x9E3779B97F4A7C15L ^ h);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
