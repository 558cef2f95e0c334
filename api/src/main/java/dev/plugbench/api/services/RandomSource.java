package dev.plugbench.api.services;

import dev.plugbench.api.ApiStatus;
import java.util.SplittableRandom;

/**
 * Deterministic, independent random streams: the same seed and stream name always give the same
 * sequence, and different names give independent sequences, whatever else runs meanwhile.
 */
@ApiStatus(ApiStatus.Status.STABLE)
public interface RandomSource {
    /** A fresh generator for {@code (seed, stream)}. */
    SplittableRandom stream(long seed, String stream);

    /** A 64-bit seed derived from {@code (seed, stream)}, for libraries that take a seed. */
    long derive(long seed, String stream);
}
