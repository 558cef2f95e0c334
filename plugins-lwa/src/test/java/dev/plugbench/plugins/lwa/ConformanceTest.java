package dev.plugbench.plugins.lwa;

import dev.plugbench.api.Params;
import dev.plugbench.api.lwa.RejectionRule;
import dev.plugbench.tck.RejectionRuleContract;
import java.util.Map;
import org.junit.jupiter.api.Nested;

/** Every method of the plugin passes the conformance kit (plugbench-tck), as a third-party plugin's would. */
class ConformanceTest {
    @Nested
    class ConfidenceRuleConformance extends RejectionRuleContract {
        @Override
        protected RejectionRule method() {
            return new ConfidenceRule();
        }

        @Override
        protected Params params() {
            return method().info().bind(Map.of("steps", 30, "hidden", 8));
        }
    }

    @Nested
    class L2hJointRuleConformance extends RejectionRuleContract {
        @Override
        protected RejectionRule method() {
            return new L2hJointRule();
        }

        @Override
        protected Params params() {
            return method().info().bind(Map.of("steps", 30, "hidden", 8));
        }
    }

    @Nested
    class L2hMulticlassRuleConformance extends RejectionRuleContract {
        @Override
        protected RejectionRule method() {
            return new L2hMulticlassRule();
        }

        @Override
        protected Params params() {
            return method().info().bind(Map.of("steps", 30, "hidden", 8));
        }
    }

    @Nested
    class L2hSeparateRuleConformance extends RejectionRuleContract {
        @Override
        protected RejectionRule method() {
            return new L2hSeparateRule();
        }

        @Override
        protected Params params() {
            return method().info().bind(Map.of("steps", 30, "hidden", 8));
        }
    }

    @Nested
    class LearnedDeferralRuleConformance extends RejectionRuleContract {
        @Override
        protected RejectionRule method() {
            return new LearnedDeferralRule();
        }

        @Override
        protected Params params() {
            return method().info().bind(Map.of("steps", 30, "hidden", 8));
        }
    }
}
