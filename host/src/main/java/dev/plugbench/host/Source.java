package dev.plugbench.host;

/** Where a registered method came from. */
public enum Source {
    /** A PF4J plugin (jar, zip, or a development-mode project). */
    PF4J,
    /** An extension on the application classpath, found by {@link java.util.ServiceLoader}. */
    CLASSPATH;

    /** The lower-case name used in listings and JSON. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
