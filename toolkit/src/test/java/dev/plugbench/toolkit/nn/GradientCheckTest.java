package dev.plugbench.toolkit.nn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugbench.toolkit.data.Gaussian;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Backpropagation against central finite differences in float64 (relative error below 1e-6). */
class GradientCheckTest {
    private static final double H = 1e-5;
    private static final double TOLERANCE = 1e-6;

    private static INDArray randn(long seed, int rows, int cols) {
        return Nd4j.createFromArray(Gaussian.next(new SplittableRandom(seed), rows * cols)).reshape(rows, cols);
    }

    /** max |a - n| / max(1e-8, |a| + |n|) over a sample of parameters. */
    private static double checkParameters(Network net, Function<INDArray, Double> lossOfOutput, INDArray x, INDArray analyticFlat) {
        INDArray theta = net.flatParameters().dup();
        double worst = 0;
        long p = theta.length();
        long stride = Math.max(1, p / 120);
        for (long i = 0; i < p; i += stride) {
            double orig = theta.getDouble(0, i);
            theta.putScalar(0, i, orig + H);
            net.setFlatParameters(theta);
            double plus = lossOfOutput.apply(net.forward(x));
            theta.putScalar(0, i, orig - H);
            net.setFlatParameters(theta);
            double minus = lossOfOutput.apply(net.forward(x));
            theta.putScalar(0, i, orig);
            net.setFlatParameters(theta);
            double numeric = (plus - minus) / (2 * H);
            double analytic = analyticFlat.getDouble(0, i);
            worst = Math.max(worst, Math.abs(analytic - numeric) / Math.max(1e-8, Math.abs(analytic) + Math.abs(numeric)));
        }
        return worst;
    }

    private static INDArray flatGradients(Network net, Gradients g) {
        return Nd4j.hstack(net.parameters().stream().map(p -> g.of(p).reshape(1, p.size())).toArray(INDArray[]::new));
    }

    private static double checkInput(Network net, Function<INDArray, Double> lossOfOutput, INDArray x, INDArray analytic) {
        double worst = 0;
        for (int i = 0; i < x.rows(); i++) {
            for (int j = 0; j < x.columns(); j++) {
                INDArray xp = x.dup();
                xp.putScalar(i, j, x.getDouble(i, j) + H);
                INDArray xm = x.dup();
                xm.putScalar(i, j, x.getDouble(i, j) - H);
                double numeric = (lossOfOutput.apply(net.forward(xp)) - lossOfOutput.apply(net.forward(xm))) / (2 * H);
                double a = analytic.getDouble(i, j);
                worst = Math.max(worst, Math.abs(a - numeric) / Math.max(1e-8, Math.abs(a) + Math.abs(numeric)));
            }
        }
        return worst;
    }

    /** dL/d(input) by backpropagating through the first layer too. */
    private static INDArray inputGradient(Network net, INDArray x, INDArray outputGradient) {
        Trace t = net.trace(x);
        Backprop b = net.backward(t, outputGradient);
        Layer first = net.layers().get(0);
        return first.backward(t.input(0), t.input(1), b.layerOutputGradients().get(0), new Gradients(), true);
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void everyActivationBackpropagatesExactly(Activation activation) {
        for (Parameterization param : Parameterization.values()) {
            Network net = Network.builder(5, DataType.DOUBLE, 3).dense(7, param).activation(activation).dense(3, param).build();
            INDArray x = randn(1, 4, 5);
            INDArray target = randn(2, 4, 3);
            Loss loss = Losses.MEAN_SQUARED_ERROR;
            Trace t = net.trace(x);
            Backprop b = net.backward(t, loss.gradient(t.output(), target));
            Function<INDArray, Double> f = out -> loss.value(out, target);
            assertThat(checkParameters(net, f, x, flatGradients(net, b.gradients()))).as("%s %s parameters", activation, param).isLessThan(TOLERANCE);
            assertThat(checkInput(net, f, x, inputGradient(net, x, loss.gradient(t.output(), target)))).as("%s input", activation).isLessThan(TOLERANCE);
        }
    }

    @Test
    void aTrainingStepReturnsTheInputGradientOfItsLoss() {
        Network net = Network.builder(5, DataType.DOUBLE, 4).dense(7, Parameterization.STANDARD).activation(Activation.SIGMOID)
                .dense(3, Parameterization.STANDARD).build();
        INDArray x = randn(11, 6, 5);
        INDArray target = randn(12, 6, 3);
        Loss loss = Losses.MEAN_SQUARED_ERROR;
        Function<INDArray, Double> f = out -> loss.value(out, target);
        Network before = Network.builder(5, DataType.DOUBLE, 4).dense(7, Parameterization.STANDARD).activation(Activation.SIGMOID)
                .dense(3, Parameterization.STANDARD).build();
        INDArray g = net.trainStepWithInputGradient(x, target, loss, new Sgd(0.1));
        // the gradient is taken at the weights before the step
        assertThat(checkInput(before, f, x, g)).isLessThan(TOLERANCE);
        assertThat(net.flatParameters()).isNotEqualTo(before.flatParameters());
    }

    @Test
    void theScaledBiasParameterisationHasExactGradientsAndScalesTheBias() {
        Network net = Network.builder(4, DataType.DOUBLE, 21).dense(6, Parameterization.NTK_SCALED_BIAS).activation(Activation.TANH)
                .dense(3, Parameterization.NTK_SCALED_BIAS).build();
        Dense first = (Dense) net.layers().get(0);
        INDArray x = randn(9, 5, 4);
        INDArray expected = x.mmul(first.weights().value()).addiRowVector(first.bias().value()).divi(2);
        assertThat(first.forward(x).sub(expected).amaxNumber().doubleValue()).isLessThan(1e-12);
        assertThat(first.bias().value().amaxNumber().doubleValue()).as("biases start N(0, 1), not 0").isGreaterThan(0.1);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, 5, 3);
        for (int i = 0; i < 5; i++) {
            y.putScalar(i, i % 3, 1);
        }
        Loss loss = Losses.SOFTMAX_CROSS_ENTROPY;
        Trace t = net.trace(x);
        INDArray g = loss.gradient(t.output(), y);
        Backprop b = net.backward(t, g);
        assertThat(checkParameters(net, out -> loss.value(out, y), x, flatGradients(net, b.gradients()))).isLessThan(TOLERANCE);
        INDArray perExample = net.perExampleGradients(x, g);
        assertThat(perExample.sum(true, 0).sub(flatGradients(net, b.gradients())).amaxNumber().doubleValue()).isLessThan(1e-12);
    }

    @Test
    void softmaxCrossEntropyGradientIsExact() {
        Network net = Network.builder(4, DataType.DOUBLE, 5).dense(6, Parameterization.NTK).activation(Activation.TANH).dense(3, Parameterization.NTK).build();
        INDArray x = randn(3, 8, 4);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, 8, 3);
        for (int i = 0; i < 8; i++) {
            y.putScalar(i, i % 3, 1);
        }
        Loss loss = Losses.SOFTMAX_CROSS_ENTROPY;
        Trace t = net.trace(x);
        Backprop b = net.backward(t, loss.gradient(t.output(), y));
        assertThat(checkParameters(net, out -> loss.value(out, y), x, flatGradients(net, b.gradients()))).isLessThan(TOLERANCE);
    }

    @Test
    void binaryCrossEntropyWithLogitsGradientIsExactAndStable() {
        Network net = Network.builder(4, DataType.DOUBLE, 7).dense(6, Parameterization.STANDARD).activation(Activation.SOFTPLUS).dense(1, Parameterization.STANDARD).build();
        INDArray x = randn(4, 10, 4);
        INDArray y = Nd4j.createFromArray(new double[] {0, 1, 1, 0, 1, 0, 0, 1, 1, 1}).reshape(10, 1);
        Loss loss = Losses.BINARY_CROSS_ENTROPY_WITH_LOGITS;
        Trace t = net.trace(x);
        Backprop b = net.backward(t, loss.gradient(t.output(), y));
        assertThat(checkParameters(net, out -> loss.value(out, y), x, flatGradients(net, b.gradients()))).isLessThan(TOLERANCE);
        INDArray huge = Nd4j.createFromArray(new double[] {800, -800}).reshape(2, 1);
        INDArray labels = Nd4j.createFromArray(new double[] {1, 0}).reshape(2, 1);
        assertThat(loss.value(huge, labels)).isZero();
        assertThat(loss.value(huge, labels.rsub(1))).isEqualTo(800.0);
    }

    @Test
    void convolutionBackpropagatesExactly() {
        Network net = Network.builder(2 * 6 * 6, DataType.DOUBLE, 9).image(2, 6, 6)
                .conv(3, 3, 2, 1, Parameterization.NTK).activation(Activation.TANH)
                .conv(2, 2, 1, 0, Parameterization.STANDARD).activation(Activation.SIGMOID)
                .dense(2, Parameterization.STANDARD).build();
        INDArray x = randn(5, 3, 72);
        INDArray target = randn(6, 3, 2);
        Loss loss = Losses.MEAN_SQUARED_ERROR;
        Trace t = net.trace(x);
        Backprop b = net.backward(t, loss.gradient(t.output(), target));
        Function<INDArray, Double> f = out -> loss.value(out, target);
        assertThat(checkParameters(net, f, x, flatGradients(net, b.gradients()))).isLessThan(TOLERANCE);
        assertThat(checkInput(net, f, x, inputGradient(net, x, loss.gradient(t.output(), target)))).isLessThan(TOLERANCE);
    }

    @Test
    void perExampleGradientsMatchFiniteDifferencesOfEachExample() {
        Network net = Network.builder(1 * 5 * 5, DataType.DOUBLE, 13).image(1, 5, 5).conv(2, 3, 1, 1, Parameterization.NTK)
                .activation(Activation.RELU).dense(4, Parameterization.NTK).activation(Activation.TANH).dense(3, Parameterization.NTK).build();
        INDArray x = randn(8, 4, 25);
        INDArray jac = net.perExampleGradients(x, 1);
        assertThat(jac.shape()).containsExactly(4, net.parameterCount());
        for (int i = 0; i < 4; i++) {
            INDArray xi = x.get(NDArrayIndex.interval(i, i + 1), NDArrayIndex.all());
            double worst = checkParameters(net, out -> out.getDouble(0, 1), xi, jac.get(NDArrayIndex.interval(i, i + 1), NDArrayIndex.all()));
            assertThat(worst).as("example %d", i).isLessThan(TOLERANCE);
        }
    }

    @Test
    void perExampleLossGradientsSumToTheBatchGradient() {
        Network net = Network.builder(6, DataType.DOUBLE, 17).dense(5, Parameterization.STANDARD).activation(Activation.RELU).dense(2, Parameterization.STANDARD).build();
        INDArray x = randn(10, 9, 6);
        INDArray target = randn(11, 9, 2);
        Trace t = net.trace(x);
        INDArray g = Losses.MEAN_SQUARED_ERROR.gradient(t.output(), target);
        INDArray perExample = net.perExampleGradients(x, g);
        INDArray batch = flatGradients(net, net.backward(t, g).gradients());
        assertThat(perExample.sum(true, 0).sub(batch).amaxNumber().doubleValue()).isLessThan(1e-12);
        StringBuilder rows = new StringBuilder();
        net.perExampleGradients(x, 0, 4, (start, chunk) -> rows.append(start).append(':').append(chunk.rows()).append(' '));
        assertThat(rows.toString().trim()).isEqualTo("0:4 4:4 8:1");
    }

    @Test
    void signalsGiveTheTangentKernelWithoutTheJacobian() {
        Network net = Network.builder(4, DataType.DOUBLE, 19).dense(6, Parameterization.NTK).activation(Activation.RELU)
                .dense(5, Parameterization.NTK).activation(Activation.TANH).dense(2, Parameterization.NTK).build();
        INDArray x = randn(12, 7, 4);
        Signals s = Signals.of(net, x);
        for (int c = 0; c < 2; c++) {
            INDArray j = net.perExampleGradients(x, c);
            INDArray exact = j.mmul(j.transpose());
            INDArray fromSignals = Nd4j.zeros(DataType.DOUBLE, 7, 7);
            for (int l = 0; l < net.layers().size(); l++) {
                if (net.layers().get(l) instanceof Dense d) {
                    INDArray a = s.trace().input(l);
                    INDArray delta = s.signal(c, l);
                    INDArray inputs = a.mmul(a.transpose()).muli(d.scale() * d.scale()).addi(1);
                    fromSignals.addi(inputs.muli(delta.mmul(delta.transpose())));
                }
            }
            assertThat(fromSignals.sub(exact).amaxNumber().doubleValue()).as("output %d", c).isLessThan(1e-9);
        }
    }
}
