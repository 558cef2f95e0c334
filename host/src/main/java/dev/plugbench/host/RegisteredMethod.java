package dev.plugbench.host;

import dev.plugbench.api.MethodInfo;

/**
 * A method the host can run, with where it came from.
 *
 * @param info          the method's metadata (id, family, parameters)
 * @param source        PF4J plugin or classpath
 * @param pluginId      the PF4J plugin id, or the implementing class for classpath methods
 * @param pluginVersion the plugin's version, or the API version for classpath methods
 * @param method        a stable handle: every call goes to the version loaded at that moment, so it
 *                      stays valid across hot swaps (a call fails only once the method is removed)
 * @param <T>           the extension point
 */
public record RegisteredMethod<T>(MethodInfo info, Source source, String pluginId, String pluginVersion, T method) {
    /** The method's id. */
    public String id() {
        return info.id();
    }

    /** The method's family. */
    public String family() {
        return info.family();
    }
}
