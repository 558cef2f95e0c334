package dev.plugbench.cli;

import dev.plugbench.host.Plugbench;
import dev.plugbench.host.PluginInfo;
import dev.plugbench.host.TrustList;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which loaded plugins the user has vetted, and so may run inside the host: the distribution's own
 * plugins (their SHA-256, listed at build time in {@value #PRODUCT_PLUGINS}) and the files on the
 * user's trust list (id, version and SHA-256, {@code plugbench trust add FILE}). Every other plugin
 * runs its cells in worker JVMs by default.
 */
final class Vetting {
    /** The build's list of the product plugins' SHA-256 (lines {@code HASH *FILE}, sha256sum's form). */
    static final String PRODUCT_PLUGINS = "META-INF/plugbench/product-plugins.sha256";
    private final Set<String> productHashes;
    private final TrustList trust;

    private Vetting(Set<String> productHashes, TrustList trust) {
        this.productHashes = productHashes;
        this.trust = trust;
    }

    /** The product list on this class path and the trust list in {@code trustFile}. */
    static Vetting read(Path trustFile) {
        return new Vetting(productHashes(), TrustList.read(trustFile));
    }

    boolean vetted(PluginInfo plugin) {
        return productHashes.contains(plugin.sha256()) || trust.allows(plugin.id(), plugin.version(), plugin.sha256());
    }

    /** Whether a file with this content is the product's or on the trust list (under any id and version). */
    boolean vettedContent(String sha256) {
        return productHashes.contains(sha256) || trust.entries().stream().anyMatch(e -> e.sha256().equals(sha256));
    }

    /** The host's plugins that are neither the product's nor on the trust list. */
    List<PluginInfo> unvetted(Plugbench host) {
        return host.plugins().stream().filter(p -> !vetted(p)).toList();
    }

    private static Set<String> productHashes() {
        Set<String> hashes = new HashSet<>();
        try (InputStream in = Vetting.class.getClassLoader().getResourceAsStream(PRODUCT_PLUGINS)) {
            if (in == null) {
                return hashes; // a class path without the distribution's list: nothing counts as the product's
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = lines.readLine()) != null; ) {
                String hash = line.trim().split("\\s+")[0];
                if (hash.matches("[0-9a-f]{64}")) {
                    hashes.add(hash);
                }
            }
            return hashes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + PRODUCT_PLUGINS + " from the class path: " + e.getMessage(), e);
        }
    }
}
