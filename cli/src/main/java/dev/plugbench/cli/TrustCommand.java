package dev.plugbench.cli;

import dev.plugbench.host.ContentHash;
import dev.plugbench.host.TrustList;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.zip.ZipFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code plugbench trust add|list|remove}: the plugin files a host started with {@code --trusted-only} may load. */
@Command(name = "trust", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Manage the trust list (plugin id, version, SHA-256) that --trusted-only loads from.",
        subcommands = {TrustCommand.Add.class, TrustCommand.ListEntries.class, TrustCommand.Remove.class})
final class TrustCommand {
    /** The shared --trust-file option. */
    static final class FileOption {
        @Option(names = "--trust-file", paramLabel = "FILE", description = "the trust list (default ~/.config/plugbench/trust.json)")
        Path file;

        TrustList read() {
            return TrustList.read(file != null ? file : TrustList.defaultFile());
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Trust plugin files: records their id, version and SHA-256.")
    static final class Add implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", arity = "1..*", description = "plugin jars or zips")
        private List<Path> files;

        @picocli.CommandLine.Mixin
        private FileOption trust;

        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            TrustList list = trust.read();
            PrintWriter out = spec.commandLine().getOut();
            for (Path f : files) {
                if (!Files.isRegularFile(f)) {
                    throw new Main.UserError(f + " is not a file", "give built plugin files (target/*.jar)");
                }
                Properties p = descriptor(f);
                String id = p.getProperty("plugin.id");
                String version = p.getProperty("plugin.version");
                if (id == null || version == null) {
                    throw new Main.UserError(f + " has no plugin.id and plugin.version in its plugin.properties", "rebuild the plugin");
                }
                TrustList.Entry e = new TrustList.Entry(id, version, ContentHash.of(f));
                list = list.add(e);
                out.println("trusted " + id + " " + version + " (sha256 " + e.sha256().substring(0, 12) + ") from " + f);
            }
            return 0;
        }

        private static Properties descriptor(Path f) throws IOException {
            Properties p = new Properties();
            try (ZipFile zip = new ZipFile(f.toFile())) {
                var entry = zip.getEntry("plugin.properties");
                if (entry != null) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        p.load(in);
                    }
                }
            }
            return p;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Print the trusted plugin files.")
    static final class ListEntries implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        private FileOption trust;

        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            List<TrustList.Entry> entries = trust.read().entries();
            entries.forEach(e -> out.println(e.id() + " " + e.version() + " " + e.sha256()));
            if (entries.isEmpty()) {
                out.println("(nothing trusted yet: plugbench trust add FILE)");
            }
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Stop trusting a plugin id (or one version of it).")
    static final class Remove implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ID", description = "the plugin id")
        private String id;

        @Parameters(index = "1", paramLabel = "VERSION", arity = "0..1", description = "only this version")
        private String version;

        @picocli.CommandLine.Mixin
        private FileOption trust;

        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() {
            TrustList before = trust.read();
            TrustList after = before.remove(id, version);
            int removed = before.entries().size() - after.entries().size();
            spec.commandLine().getOut().println("removed " + removed + " entr" + (removed == 1 ? "y" : "ies") + " of " + id
                    + (version == null ? "" : " " + version));
            return removed > 0 ? 0 : 1;
        }
    }
}
