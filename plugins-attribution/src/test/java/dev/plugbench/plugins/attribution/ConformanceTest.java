package dev.plugbench.plugins.attribution;

import dev.plugbench.api.Params;
import dev.plugbench.api.attribution.SurrogateFeatureSpace;
import dev.plugbench.tck.SurrogateFeatureSpaceContract;
import java.util.Map;
import org.junit.jupiter.api.Nested;

/** Every method of the plugin passes the conformance kit (plugbench-tck), as a third-party plugin's would. */
class ConformanceTest {
    @Nested
    class ConjugateKernelConformance extends SurrogateFeatureSpaceContract {
        @Override
        protected SurrogateFeatureSpace method() {
            return new ConjugateKernel();
        }
    }

    @Nested
    class EmbeddingKernelConformance extends SurrogateFeatureSpaceContract {
        @Override
        protected SurrogateFeatureSpace method() {
            return new EmbeddingKernel();
        }
    }

    @Nested
    class GradientCosineConformance extends SurrogateFeatureSpaceContract {
        @Override
        protected SurrogateFeatureSpace method() {
            return new GradientCosine();
        }
    }

    @Nested
    class HiddenEmbeddingKernelConformance extends SurrogateFeatureSpaceContract {
        @Override
        protected SurrogateFeatureSpace method() {
            return new HiddenEmbeddingKernel();
        }
    }

    @Nested
    class InputRbfConformance extends SurrogateFeatureSpaceContract {
        @Override
        protected SurrogateFeatureSpace method() {
            return new InputRbf();
        }
    }

    @Nested
    class ProjectedTraceNtkConformance extends ProjectedKernelConformance {
        @Override
        protected SurrogateFeatureSpace method() {
            return new ProjectedTraceNtk();
        }
    }

    @Nested
    class PseudoNtkConformance extends SurrogateFeatureSpaceContract {
        @Override
        protected SurrogateFeatureSpace method() {
            return new PseudoNtk();
        }
    }

    @Nested
    class RawTraceNtkConformance extends SurrogateFeatureSpaceContract {
        @Override
        protected SurrogateFeatureSpace method() {
            return new RawTraceNtk();
        }
    }

    @Nested
    class TraceNtkConformance extends SurrogateFeatureSpaceContract {
        @Override
        protected SurrogateFeatureSpace method() {
            return new TraceNtk();
        }
    }

    @Nested
    class TrakKernelConformance extends ProjectedKernelConformance {
        @Override
        protected SurrogateFeatureSpace method() {
            return new TrakKernel();
        }

        /** TRAK's query rows use the predicted class and its training rows the label: K(X, X) is not symmetric by design. */
        @Override
        protected boolean symmetricGram() {
            return false;
        }
    }

    /** The kernels that project gradients: a small k, and seeds that must matter. */
    abstract static class ProjectedKernelConformance extends SurrogateFeatureSpaceContract {
        @Override
        protected Params params() {
            return method().info().bind(Map.of("k", 16));
        }

        @Override
        protected boolean randomised() {
            return true;
        }
    }
}
