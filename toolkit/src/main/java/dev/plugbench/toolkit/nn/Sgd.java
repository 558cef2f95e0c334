package dev.plugbench.toolkit.nn;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Stochastic gradient descent with optional momentum and weight decay, as torch's {@code SGD}:
 * g += wd * w; v = momentum * v + g; w -= lr * v.
 */
public final class Sgd implements Optimizer {
    private final double learningRate;
    private final double momentum;
    private final double weightDecay;
    private final Map<Parameter, INDArray> velocity = new IdentityHashMap<>();

    public Sgd(double learningRate, double momentum, double weightDecay) {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate = " + learningRate + ": it must be a finite positive number");
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum = " + momentum + ": it must be in [0, 1)");
        }
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("weight decay = " + weightDecay + ": it must be a finite number >= 0");
        }
        this.learningRate = learningRate;
        this.momentum = momentum;
        this.weightDecay = weightDecay;
    }

    /** Plain gradient descent. */
    public Sgd(double learningRate) {
        this(learningRate, 0, 0);
    }

    @Override
    public void step(List<Parameter> parameters, Gradients gradients) {
        for (Parameter p : parameters) {
            INDArray g = gradients.of(p);
            if (weightDecay != 0) {
                g = g.add(p.value().mul(weightDecay));
            }
            if (momentum != 0) {
                INDArray v = velocity.get(p);
                if (v == null) {
                    v = StepWorkspace.detached(g);
                    velocity.put(p, v);
                } else {
                    v.muli(momentum).addi(g);
                }
                g = v;
            }
            Nd4j.getBlasWrapper().level1().axpy(p.size(), -learningRate, g, p.value());
        }
    }
}
