package dev.plugbench.toolkit;

import org.nd4j.linalg.factory.Nd4j;

/**
 * Process-wide ND4J settings the toolkit relies on. On a small machine ND4J's own OpenMP threads
 * (element-wise ops) spin while OpenBLAS's threads run the matrix products, and the two fight for
 * the cores: measured on 2 cores, an MLP 784-256-10 training step ran at 80-300 steps/s with
 * the defaults and at 500-700 with ND4J's element-wise ops on one thread, BLAS keeping all cores.
 * The host calls {@link #configure()} at start; applications using the toolkit alone should too.
 */
public final class NumericRuntime {
    private static volatile boolean configured;

    private NumericRuntime() {
    }

    /** Runs ND4J's element-wise ops on one thread (BLAS and LAPACK keep theirs). Idempotent. */
    public static synchronized void configure() {
        if (configured) {
            return;
        }
        Nd4j.getEnvironment().setMaxThreads(1);
        Nd4j.getEnvironment().setMaxMasterThreads(1);
        configured = true;
    }
}
