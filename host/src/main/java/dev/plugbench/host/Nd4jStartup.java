package dev.plugbench.host;

import dev.plugbench.toolkit.NumericRuntime;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J remembers the context class loader it first runs under, so the host touches it once, under
 * its own loader, before any plugin runs (a plugin loader captured there would be kept forever).
 */
final class Nd4jStartup {
    private static volatile boolean done;

    private Nd4jStartup() {
    }

    static synchronized void ensure() {
        if (done) {
            return;
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(Nd4jStartup.class.getClassLoader());
        try {
            NumericRuntime.configure(); // before ND4J's first call: it pins ND4J's threads through the environment
            Nd4j.scalar(0f);
            done = true;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
