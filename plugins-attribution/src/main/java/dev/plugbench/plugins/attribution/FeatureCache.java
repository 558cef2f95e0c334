package dev.plugbench.plugins.attribution;

import dev.plugbench.api.model.DifferentiableModel;
import dev.plugbench.toolkit.linalg.Buffers;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Projected features of the training (right-hand) rows from recent kernel calls. A host computes a
 * kernel twice per fit, the training block and then the test rows against the same training set:
 * the second call finds the training features here instead of projecting them again. Entries are
 * keyed by the content of the network's parameters and of the inputs (not by identity), so a
 * network trained further or different inputs never hit a stale entry; the least recently used of
 * {@value #CAPACITY} go first. Thread-safe.
 */
final class FeatureCache {
    private static final int CAPACITY = 8;

    private final Map<Key, INDArray> entries = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, INDArray> eldest) {
            return size() > CAPACITY;
        }
    };

    /**
     * What the features depend on: the network, the inputs, the projection (k, seed) and what was
     * projected. A plain class, not a record: with a record key (equals and hashCode linked through
     * invokedynamic bootstraps) the hot-swap drill reported one retired class loader still reachable
     * in 2 of 6 runs of AttributionTasksTest, with this class in none of 11 (one a fresh-clone verify); the cause was not pinned down.
     */
    static final class Key {
        private final long network;
        private final long inputs;
        private final int k;
        private final long seed;
        private final String what;

        private Key(long network, long inputs, int k, long seed, String what) {
            this.network = network;
            this.inputs = inputs;
            this.k = k;
            this.seed = seed;
            this.what = what;
        }

        /** The same network, inputs and projection, for another projected quantity. */
        Key with(String otherWhat) {
            return new Key(network, inputs, k, seed, otherWhat);
        }

        static Key of(DifferentiableModel net, INDArray inputs, int k, long seed, String what) {
            long h = 1125899906842597L;
            for (INDArray p : net.snapshot().parameters().values()) {
                h = 31 * h + fingerprint(p);
            }
            return new Key(h, fingerprint(inputs), k, seed, what);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key other && network == other.network && inputs == other.inputs && k == other.k && seed == other.seed
                    && what.equals(other.what);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(network * 31 + inputs) * 31 + k * 17 + Long.hashCode(seed) + what.hashCode();
        }
    }

    INDArray get(Key key, Supplier<INDArray> compute) {
        synchronized (entries) {
            INDArray hit = entries.get(key);
            if (hit != null) {
                return hit;
            }
        }
        INDArray features = compute.get();
        synchronized (entries) {
            entries.put(key, features);
        }
        return features;
    }

    /** A 64-bit FNV-1a hash of an array's shape and values. */
    static long fingerprint(INDArray a) {
        long h = 0xcbf29ce484222325L;
        for (long d : a.shape()) {
            h = (h ^ d) * 0x100000001b3L;
        }
        for (double v : Buffers.rowMajor(a)) {
            h = (h ^ Double.doubleToLongBits(v)) * 0x100000001b3L;
        }
        return h;
    }
}
