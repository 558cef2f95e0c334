package dev.plugbench.toolkit;

/**
 * The version of the toolkit artifact ({@code plugbench-toolkit}). Plugins do not bundle the
 * toolkit: the host provides its own copy to every plugin (see sdk-docs/architecture.md), so a
 * plugin runs against the host's toolkit version, which the host records in each run's provenance.
 */
@ToolkitStatus(ToolkitStatus.Level.MAINTAINED)
public final class ToolkitVersion {
    /** The version this artifact implements. */
    public static final String VERSION = "0.1.0";

    private ToolkitVersion() {
    }
}
