package dev.plugbench.host;

import java.nio.file.Path;
import java.util.List;

/**
 * A loaded PF4J plugin.
 *
 * @param id        plugin id
 * @param version   plugin version
 * @param requires  the API range it declared
 * @param file      the file or directory it was loaded from
 * @param sha256    SHA-256 of the plugin file (hex), or of its descriptor in development mode
 * @param methodIds "family/id" of each method it registered
 */
public record PluginInfo(String id, String version, String requires, Path file, String sha256, List<String> methodIds) {
    public PluginInfo {
        methodIds = List.copyOf(methodIds);
    }
}
