package dev.plugbench.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --plugins DIR} option that every command taking plugins shares. */
final class PluginsDirOption {
    /** System property the launcher sets to the build's plugins directory. */
    static final String PLUGINS_PROPERTY = "plugbench.plugins";

    @Option(names = "--plugins", paramLabel = "DIR", description = "plugins directory (default: the build's cli/target/plugins)")
    private Path pluginsDir;

    @Option(names = "--trusted-only", description = "load only the plugin files on the trust list (plugbench trust add FILE)")
    private boolean trustedOnly;

    @Option(names = "--trust-file", paramLabel = "FILE", description = "the trust list (default ~/.config/plugbench/trust.json)")
    private Path trustFile;

    /** The trust list file: --trust-file, or the user's default. */
    Path trustFile() {
        return trustFile != null ? trustFile : dev.plugbench.host.TrustList.defaultFile();
    }

    /** The builder with the trust mode applied, when asked for. */
    dev.plugbench.host.Plugbench.Builder configure(dev.plugbench.host.Plugbench.Builder builder) {
        return trustedOnly ? builder.trustedOnly(trustFile()) : builder;
    }

    Path pluginsDir() {
        if (pluginsDir != null) {
            return pluginsDir;
        }
        String fromLauncher = System.getProperty(PLUGINS_PROPERTY);
        return Path.of(fromLauncher != null ? fromLauncher : "cli/target/plugins");
    }
}
