package dev.plugbench.harness;

import java.nio.file.Path;

/**
 * Where runs keep what they can make again and need not make twice (retrained models of a task, the
 * worker JVMs' class archive): the system property {@code plugbench.cache}, else
 * {@code $XDG_CACHE_HOME/plugbench}, else {@code ~/.cache/plugbench}. Deleting it loses only time.
 */
public final class CacheDirectory {
    private CacheDirectory() {
    }

    /** The folder (not created here). */
    public static Path get() {
        String property = System.getProperty("plugbench.cache");
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache")).resolve("plugbench");
    }
}
