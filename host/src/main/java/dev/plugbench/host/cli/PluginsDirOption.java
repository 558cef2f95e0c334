package dev.plugbench.host.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --plugins DIR} option that every command taking plugins shares. */
final class PluginsDirOption {
    /** System property the launcher sets to the build's plugins directory. */
    static final String PLUGINS_PROPERTY = "plugbench.plugins";

    @Option(names = "--plugins", paramLabel = "DIR", description = "plugins directory (default: the build's host/target/plugins)")
    private Path pluginsDir;

    Path pluginsDir() {
        if (pluginsDir != null) {
            return pluginsDir;
        }
        String fromLauncher = System.getProperty(PLUGINS_PROPERTY);
        return Path.of(fromLauncher != null ? fromLauncher : "host/target/plugins");
    }
}
