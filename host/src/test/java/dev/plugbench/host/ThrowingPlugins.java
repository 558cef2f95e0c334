package dev.plugbench.host;

import org.pf4j.Plugin;

/** PF4J plugin classes that fail, for the host's robustness tests (named in a test jar's plugin.class). */
public final class ThrowingPlugins {
    private ThrowingPlugins() {
    }

    /** Throws in its constructor. */
    public static final class InConstructor extends Plugin {
        public InConstructor() {
            throw new IllegalStateException("this plugin class fails in its constructor on purpose");
        }
    }

    /** Throws in start(). */
    public static final class InStart extends Plugin {
        @Override
        public void start() {
            throw new IllegalStateException("this plugin class fails in start() on purpose");
        }
    }
}
