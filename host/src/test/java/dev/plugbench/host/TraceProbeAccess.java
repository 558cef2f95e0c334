package dev.plugbench.host;

/** Lets tests in other packages name the classpath test probe. */
public final class TraceProbeAccess {
    private TraceProbeAccess() {
    }

    public static Class<?> type() {
        return TraceProbe.class;
    }
}
