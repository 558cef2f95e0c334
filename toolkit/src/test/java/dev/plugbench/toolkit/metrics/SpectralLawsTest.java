package dev.plugbench.toolkit.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.plugbench.toolkit.data.Gaussian;
import dev.plugbench.toolkit.linalg.SymmetricEigen;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SpectralLawsTest {
    @Test
    void marchenkoPasturEdgesAndDensityFollowTheClosedForm() {
        MarchenkoPastur mp = new MarchenkoPastur(0.25, 2.0);
        assertThat(mp.lowerEdge()).isCloseTo(2.0 * 0.25, within(1e-15)); // 2 (1 - 0.5)^2
        assertThat(mp.upperEdge()).isCloseTo(2.0 * 2.25, within(1e-15)); // 2 (1 + 0.5)^2
        double lambda = 2.0;
        double expected = Math.sqrt((4.5 - lambda) * (lambda - 0.5)) / (2 * Math.PI * 2.0 * 0.25 * lambda);
        assertThat(mp.density(lambda)).isCloseTo(expected, within(1e-15));
        assertThat(mp.density(0.4)).isZero();
        assertThat(mp.cdf(mp.upperEdge())).isCloseTo(1.0, within(1e-6));
        MarchenkoPastur wide = new MarchenkoPastur(4.0, 1.0);
        assertThat(wide.cdf(1e-9)).as("atom at zero").isCloseTo(0.75, within(1e-9));
        assertThat(wide.cdf(wide.upperEdge())).isCloseTo(1.0, within(1e-6));
    }

    @Test
    void gaussianMatrixSpectrumIsCloseToMarchenkoPastur() {
        int n = 800;
        int p = 200;
        SplittableRandom rng = new SplittableRandom(5);
        INDArray x = Nd4j.createFromArray(Gaussian.next(rng, n * p)).reshape(n, p);
        double[] eig = SymmetricEigen.valuesOf(x.transpose().mmul(x).divi(n));
        MarchenkoPastur mp = new MarchenkoPastur((double) p / n, 1.0);
        assertThat(mp.ksDistance(eig)).isLessThan(0.03);
        assertThat(mp.outliersAbove(eig, 0.05)).isZero();
    }

    @Test
    void hillAndMleRecoverTheExponentOfParetoSamples() {
        double alpha = 2.5;
        SplittableRandom rng = new SplittableRandom(11);
        double[] x = new double[20000];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.pow(1 - rng.nextDouble(), -1 / (alpha - 1)); // pdf ~ x^-alpha on [1, inf)
        }
        assertThat(TailExponent.hill(x).alpha()).isCloseTo(alpha, within(0.1));
        TailExponent mle = TailExponent.mle(x);
        assertThat(mle.alpha()).isCloseTo(alpha, within(0.1));
        assertThat(mle.ksDistance()).isLessThan(0.05);
    }

    @Test
    void tailFitsRefuseTooFewValues() {
        assertThatThrownBy(() -> TailExponent.hill(new double[] {1, 2, 3}))
                .hasMessageContaining("needs at least 20 positive values; got 3");
    }
}
