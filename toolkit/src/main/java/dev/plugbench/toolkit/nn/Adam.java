package dev.plugbench.toolkit.nn;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import dev.plugbench.toolkit.linalg.Buffers;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Adam (Kingma and Ba), as torch's {@code Adam} with L2 weight decay added to the gradient:
 * m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2; w -= lr * m_hat / (sqrt(v_hat) + eps).
 */
public final class Adam implements Optimizer {
    private double learningRate;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;
    private final Map<Parameter, INDArray[]> moments = new IdentityHashMap<>();
    private final Map<Parameter, double[][]> javaMoments = new IdentityHashMap<>();
    private long t;

    public Adam(double learningRate, double beta1, double beta2, double epsilon, double weightDecay) {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate = " + learningRate + ": it must be a finite positive number");
        }
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("betas = (" + beta1 + ", " + beta2 + "): each must be in [0, 1)");
        }
        if (!(epsilon > 0) || !(weightDecay >= 0)) {
            throw new IllegalArgumentException("epsilon must be > 0 and weight decay >= 0; got " + epsilon + ", " + weightDecay);
        }
        this.learningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
    }

    /** Adam with the usual defaults (0.9, 0.999, 1e-8) and no weight decay. */
    public Adam(double learningRate) {
        this(learningRate, 0.9, 0.999, 1e-8, 0);
    }

    /** Changes the learning rate for the following steps (for schedules); the moments are kept. */
    public void setLearningRate(double rate) {
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("learning rate = " + rate + ": it must be a finite positive number");
        }
        this.learningRate = rate;
    }

    @Override
    public void step(List<Parameter> parameters, Gradients gradients) {
        t++;
        double c1 = 1 - Math.pow(beta1, t);
        double c2 = 1 - Math.pow(beta2, t);
        for (Parameter p : parameters) {
            if (Buffers.ownsPlainDoubles(p.value())) {
                stepInJava(p, gradients.of(p), c1, c2);
                continue;
            }
            INDArray g = gradients.of(p);
            if (weightDecay != 0) {
                g = g.add(p.value().mul(weightDecay));
            }
            INDArray[] mv = moments.computeIfAbsent(p, k -> new INDArray[] {StepWorkspace.zerosLike(k.value()), StepWorkspace.zerosLike(k.value())});
            mv[0].muli(beta1).addi(g.mul(1 - beta1));
            mv[1].muli(beta2).addi(g.mul(g).muli(1 - beta2));
            INDArray denominator = Transforms.sqrt(mv[1].div(c2), false).addi(epsilon);
            p.value().subi(mv[0].div(denominator).muli(learningRate / c1));
        }
    }

    /**
     * The update above in one Java loop over a float64 parameter's buffer, rounding after each
     * operation in the same order as the ND4J ops (so the result is bit for bit the same), without
     * the dozen native calls per parameter that dominate a small network's step.
     */
    private void stepInJava(Parameter p, INDArray gradient, double c1, double c2) {
        double[] w = Buffers.rowMajor(p.value());
        double[] g = Buffers.rowMajor(gradient);
        double[][] mv = javaMoments.computeIfAbsent(p, k -> new double[][] {new double[w.length], new double[w.length]});
        double[] m = mv[0];
        double[] v = mv[1];
        double oneMinusBeta1 = 1 - beta1;
        double oneMinusBeta2 = 1 - beta2;
        double rate = learningRate / c1;
        for (int i = 0; i < w.length; i++) {
            double gi = weightDecay != 0 ? g[i] + w[i] * weightDecay : g[i];
            double mi = m[i] * beta1;
            mi = mi + gi * oneMinusBeta1;
            double vi = v[i] * beta2;
            vi = vi + (gi * gi) * oneMinusBeta2;
            m[i] = mi;
            v[i] = vi;
            double denominator = Math.sqrt(vi / c2) + epsilon;
            w[i] = w[i] - (mi / denominator) * rate;
        }
        Buffers.copyInto(w, p.value());
    }
}
