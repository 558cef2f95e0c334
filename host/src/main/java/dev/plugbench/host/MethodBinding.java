package dev.plugbench.host;

import dev.plugbench.api.MethodInfo;

/**
 * One loaded implementation of a method: the instance, where it came from, and the class loader
 * that calls into it run under (the plugin's, or the application's for classpath methods).
 */
record MethodBinding(Class<?> extensionPoint, MethodInfo info, Object instance, Source source,
                     String pluginId, String pluginVersion, ClassLoader loader) {
    String key() {
        return key(info.family(), info.id());
    }

    static String key(String family, String id) {
        return family + "/" + id;
    }

    String origin() {
        return source == Source.PF4J ? "plugin '" + pluginId + "' " + pluginVersion : "classpath class " + pluginId;
    }
}
