package dev.plugbench.tck.hotswap;

import java.nio.file.Path;
import org.junit.jupiter.api.Nested;

/** The kit's drill passes every in-tree plugin, loaded from its project folder as an author's build would be. */
class InTreePluginsHotSwapTest {
    private static Path project(String module) {
        return Path.of(System.getProperty("plugbench.root", "..")).resolve(module).toAbsolutePath().normalize();
    }

    @Nested
    class Lwa extends HotSwapContract {
        @Override
        protected Path plugin() {
            return project("plugins-lwa");
        }
    }

    @Nested
    class Latent extends HotSwapContract {
        @Override
        protected Path plugin() {
            return project("plugins-latent");
        }
    }

    @Nested
    class Attribution extends HotSwapContract {
        @Override
        protected Path plugin() {
            return project("plugins-attribution");
        }
    }

    @Nested
    class Spectral extends HotSwapContract {
        @Override
        protected Path plugin() {
            return project("plugins-spectral");
        }
    }
}
