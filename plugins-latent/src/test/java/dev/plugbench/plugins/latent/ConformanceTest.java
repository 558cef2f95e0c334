package dev.plugbench.plugins.latent;

import dev.plugbench.api.latent.LatentQuantizer;
import dev.plugbench.tck.LatentQuantizerContract;
import org.junit.jupiter.api.Nested;

/** Every method of the plugin passes the conformance kit (plugbench-tck), as a third-party plugin's would. */
class ConformanceTest {
    @Nested
    class DictionaryMethodConformance extends LatentQuantizerContract {
        @Override
        protected LatentQuantizer method() {
            return new DictionaryMethod();
        }
    }

    @Nested
    class RvqMethodConformance extends LatentQuantizerContract {
        @Override
        protected LatentQuantizer method() {
            return new RvqMethod();
        }
    }

    @Nested
    class VqEmaMethodConformance extends LatentQuantizerContract {
        @Override
        protected LatentQuantizer method() {
            return new VqEmaMethod();
        }
    }

    @Nested
    class VqMethodConformance extends LatentQuantizerContract {
        @Override
        protected LatentQuantizer method() {
            return new VqMethod();
        }
    }
}
