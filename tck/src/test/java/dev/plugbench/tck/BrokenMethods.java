package dev.plugbench.tck;

import dev.plugbench.api.MethodInfo;
import dev.plugbench.api.Params;
import dev.plugbench.api.attribution.KernelRequest;
import dev.plugbench.api.attribution.SurrogateFeatureSpace;
import dev.plugbench.api.latent.LatentQuantizer;
import dev.plugbench.api.latent.Quantization;
import dev.plugbench.api.latent.Quantizer;
import dev.plugbench.api.latent.QuantizerShape;
import dev.plugbench.api.lwa.Decisions;
import dev.plugbench.api.lwa.FittedRule;
import dev.plugbench.api.lwa.RejectionProblem;
import dev.plugbench.api.lwa.RejectionRule;
import dev.plugbench.api.spectral.Measurement;
import dev.plugbench.api.spectral.ProbeInput;
import dev.plugbench.api.spectral.SpectralProbe;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Methods broken on purpose, one property each, and their kit test classes (nested, so the build's
 * test run never picks them up: {@link KitCatchesBrokenMethodsTest} runs them and expects the failure).
 */
final class BrokenMethods {
    private BrokenMethods() {
    }

    // ---- spectral ----

    /** A correct probe to break: the Frobenius norm of the first weight matrix. */
    static class FrobeniusProbe implements SpectralProbe {
        @Override
        public MethodInfo info() {
            return MethodInfo.of("frobenius-test", FAMILY, "Frobenius", MethodInfo.BASELINE);
        }

        @Override
        public Measurement measure(ProbeInput input, Params params) {
            double f = input.current().parameter("0.W").norm2Number().doubleValue();
            if (!Double.isFinite(f)) {
                throw new IllegalArgumentException("the weights hold NaN or infinite values: training diverged");
            }
            return new Measurement(Map.of("frobenius", f), Map.of());
        }
    }

    static final class WrongFamilyProbe extends FrobeniusProbe {
        @Override
        public MethodInfo info() {
            return MethodInfo.of("wrong-family", "lwa", "Wrong family", MethodInfo.BASELINE);
        }
    }

    static final class NondeterministicProbe extends FrobeniusProbe {
        private static final AtomicLong CALLS = new AtomicLong();

        @Override
        public Measurement measure(ProbeInput input, Params params) {
            return new Measurement(Map.of("frobenius", (double) CALLS.incrementAndGet()), Map.of());
        }
    }

    static final class MutatingProbe extends FrobeniusProbe {
        @Override
        public Measurement measure(ProbeInput input, Params params) {
            input.current().parameter("0.W").muli(2);
            return super.measure(input, params);
        }
    }

    static final class NanSwallowingProbe extends FrobeniusProbe {
        @Override
        public Measurement measure(ProbeInput input, Params params) {
            double f = input.current().parameter("0.W").norm2Number().doubleValue();
            return new Measurement(Map.of("frobenius", Double.isFinite(f) ? f : 0.0), Map.of());
        }
    }

    /** Answers wrongly when another call is inside it: shared scratch state, as a cached buffer would be. */
    static final class ThreadUnsafeProbe extends FrobeniusProbe {
        private static final AtomicInteger INSIDE = new AtomicInteger();

        @Override
        public Measurement measure(ProbeInput input, Params params) {
            int others = INSIDE.getAndIncrement();
            try {
                Thread.sleep(30);
                double f = super.measure(input, params).values().get("frobenius");
                return new Measurement(Map.of("frobenius", f + others + INSIDE.get() - 1), Map.of());
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            } finally {
                INSIDE.decrementAndGet();
            }
        }
    }

    static final class WrongFamily extends SpectralProbeContract {
        @Override
        protected SpectralProbe method() {
            return new WrongFamilyProbe();
        }
    }

    static final class Nondeterministic extends SpectralProbeContract {
        @Override
        protected SpectralProbe method() {
            return new NondeterministicProbe();
        }
    }

    static final class Mutating extends SpectralProbeContract {
        @Override
        protected SpectralProbe method() {
            return new MutatingProbe();
        }
    }

    static final class NanSwallowing extends SpectralProbeContract {
        @Override
        protected SpectralProbe method() {
            return new NanSwallowingProbe();
        }
    }

    static final class ThreadUnsafe extends SpectralProbeContract {
        @Override
        protected SpectralProbe method() {
            return new ThreadUnsafeProbe();
        }
    }

    static final class Correct extends SpectralProbeContract {
        @Override
        protected SpectralProbe method() {
            return new FrobeniusProbe();
        }
    }

    // ---- attribution ----

    /** A correct kernel to break: the linear kernel of the inputs. */
    static class LinearKernel implements SurrogateFeatureSpace {
        @Override
        public MethodInfo info() {
            return MethodInfo.of("linear-test", FAMILY, "Linear", MethodInfo.BASELINE);
        }

        @Override
        public INDArray kernel(KernelRequest r, Params params, long seed) {
            return r.left().castTo(DataType.DOUBLE).mmul(r.right().castTo(DataType.DOUBLE).transpose());
        }
    }

    static final class TransposedKernel extends LinearKernel {
        @Override
        public INDArray kernel(KernelRequest r, Params params, long seed) {
            return super.kernel(r, params, seed).transpose().dup();
        }
    }

    static final class AsymmetricKernel extends LinearKernel {
        @Override
        public INDArray kernel(KernelRequest r, Params params, long seed) {
            INDArray k = super.kernel(r, params, seed);
            for (int i = 0; i < k.rows(); i++) {
                for (int j = 0; j < i && j < k.columns(); j++) {
                    k.putScalar(i, j, k.getDouble(i, j) + 1); // a bump below the diagonal only
                }
            }
            return k;
        }
    }

    static final class SeedIgnoringKernel extends LinearKernel {
    }

    static final class LabelIndexingKernel extends LinearKernel {
        @Override
        public INDArray kernel(KernelRequest r, Params params, long seed) {
            double[] perClass = {1, 1, 1}; // a per-class weight read without checking the label
            INDArray k = super.kernel(r, params, seed);
            for (int i = 0; i < r.leftLabels().length; i++) {
                k.getRow(i).muli(perClass[r.leftLabels()[i]]);
            }
            return k;
        }
    }

    static final class Transposed extends SurrogateFeatureSpaceContract {
        @Override
        protected SurrogateFeatureSpace method() {
            return new TransposedKernel();
        }
    }

    static final class Asymmetric extends SurrogateFeatureSpaceContract {
        @Override
        protected SurrogateFeatureSpace method() {
            return new AsymmetricKernel();
        }
    }

    static final class SeedIgnoring extends SurrogateFeatureSpaceContract {
        @Override
        protected SurrogateFeatureSpace method() {
            return new SeedIgnoringKernel();
        }

        @Override
        protected boolean randomised() {
            return true;
        }
    }

    static final class LabelIndexing extends SurrogateFeatureSpaceContract {
        @Override
        protected SurrogateFeatureSpace method() {
            return new LabelIndexingKernel();
        }
    }

    static final class CorrectKernel extends SurrogateFeatureSpaceContract {
        @Override
        protected SurrogateFeatureSpace method() {
            return new LinearKernel();
        }
    }

    // ---- lwa ----

    /** A correct rule to break: offload when the first feature is negative, the expert says class 0. */
    static class SignRule implements RejectionRule {
        @Override
        public MethodInfo info() {
            return MethodInfo.of("sign-test", FAMILY, "Sign", MethodInfo.BASELINE);
        }

        @Override
        public FittedRule fit(RejectionProblem problem, Params params, long seed) {
            long width = problem.features().columns();
            return x -> {
                if (x.columns() != width || x.isNaN().any()) {
                    throw new IllegalArgumentException("inputs must have " + width + " finite features; got " + x.columns() + " or NaN");
                }
                return new Decisions(x.getColumn(0).dup().castTo(DataType.DOUBLE), new int[(int) x.rows()]);
            };
        }
    }

    static final class NanAcceptingRule extends SignRule {
        @Override
        public FittedRule fit(RejectionProblem problem, Params params, long seed) {
            return x -> new Decisions(Nd4j.ones(DataType.DOUBLE, x.rows()), new int[(int) x.rows()]);
        }
    }

    static final class ShortRule extends SignRule {
        @Override
        public FittedRule fit(RejectionProblem problem, Params params, long seed) {
            return x -> new Decisions(Nd4j.ones(DataType.DOUBLE, x.rows() - 1), new int[(int) x.rows() - 1]);
        }
    }

    static final class NanAccepting extends RejectionRuleContract {
        @Override
        protected RejectionRule method() {
            return new NanAcceptingRule();
        }
    }

    static final class Short extends RejectionRuleContract {
        @Override
        protected RejectionRule method() {
            return new ShortRule();
        }
    }

    static final class CorrectRule extends RejectionRuleContract {
        @Override
        protected RejectionRule method() {
            return new SignRule();
        }
    }

    // ---- latent ----

    /** A correct quantizer to break: every latent to code 0, reconstruction zero. */
    static class ZeroQuantizerMethod implements LatentQuantizer {
        @Override
        public MethodInfo info() {
            return MethodInfo.of("zero-test", FAMILY, "Zero", MethodInfo.BASELINE);
        }

        int code() {
            return 0;
        }

        @Override
        public Quantizer create(QuantizerShape shape, Params params, long seed) {
            return new Quantizer() {
                private final long[] usage = new long[shape.codebookSize()];

                @Override
                public QuantizerShape shape() {
                    return shape;
                }

                @Override
                public Quantization quantize(INDArray latents) {
                    if (latents.columns() != shape.latentDim() || latents.isNaN().any()) {
                        throw new IllegalArgumentException("latents must be n x " + shape.latentDim() + " and finite");
                    }
                    int[][] codes = new int[(int) latents.rows()][1];
                    for (int[] c : codes) {
                        c[0] = code();
                    }
                    return new Quantization(latents, Nd4j.zeros(DataType.DOUBLE, latents.shape()), codes,
                            Nd4j.ones(DataType.DOUBLE, latents.rows(), 1), 0);
                }

                @Override
                public INDArray encoderGradient(Quantization q, INDArray g) {
                    return g.dup();
                }

                @Override
                public void update(Quantization q) {
                    usage[0] += q.codes().length;
                }

                @Override
                public long[] usageCounts() {
                    return usage.clone();
                }
            };
        }
    }

    static final class OutOfRangeCodesMethod extends ZeroQuantizerMethod {
        @Override
        int code() {
            return 8;
        }
    }

    static final class OutOfRangeCodes extends LatentQuantizerContract {
        @Override
        protected LatentQuantizer method() {
            return new OutOfRangeCodesMethod();
        }
    }

    static final class CorrectQuantizer extends LatentQuantizerContract {
        @Override
        protected LatentQuantizer method() {
            return new ZeroQuantizerMethod();
        }
    }
}
