package dev.plugbench.toolkit.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LbfgsTest {
    /** f(x) = 1/2 x'Ax - b'x with A = diag(1, 10, ..., 10^(n-1)) rotated by a fixed mixing: minimiser A^-1 b. */
    private static double quadratic(double[] diag, double[] b, double[] x, double[] g) {
        double f = 0;
        for (int i = 0; i < x.length; i++) {
            g[i] = diag[i] * x[i] - b[i];
            f += 0.5 * diag[i] * x[i] * x[i] - b[i] * x[i];
        }
        return f;
    }

    @Test
    void anIllConditionedQuadraticIsSolvedToTheTolerance() {
        int n = 50;
        double[] diag = new double[n];
        double[] b = new double[n];
        SplittableRandom rnd = new SplittableRandom(3);
        for (int i = 0; i < n; i++) {
            diag[i] = Math.pow(10, 4.0 * i / (n - 1));
            b[i] = rnd.nextGaussian();
        }
        Lbfgs.Result r = new Lbfgs(10, 1e-10, 10_000).minimize((x, g) -> quadratic(diag, b, x, g), new double[n]);
        assertThat(r.converged()).isTrue();
        assertThat(r.relativeGradientNorm()).isLessThanOrEqualTo(1e-10);
        for (int i = 0; i < n; i++) {
            assertThat(r.x()[i]).isCloseTo(b[i] / diag[i], within(1e-9));
        }
    }

    @Test
    void rosenbrocksValleyLeadsToItsMinimum() {
        Objective rosenbrock = (x, g) -> {
            double a = 1 - x[0];
            double c = x[1] - x[0] * x[0];
            g[0] = -2 * a - 400 * x[0] * c;
            g[1] = 200 * c;
            return a * a + 100 * c * c;
        };
        Lbfgs.Result r = new Lbfgs(5, 1e-12, 1000).minimize(rosenbrock, new double[] {-1.2, 1});
        assertThat(r.converged()).isTrue();
        assertThat(r.x()[0]).isCloseTo(1, within(1e-8));
        assertThat(r.x()[1]).isCloseTo(1, within(1e-8));
        assertThat(r.iterations()).isLessThan(100);
    }

    @Test
    void theExactInverseHessianAsPreconditionerSolvesAQuadraticInOneStep() {
        int n = 30;
        double[] diag = new double[n];
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            diag[i] = Math.pow(10, 6.0 * i / (n - 1));
            b[i] = 1;
        }
        Lbfgs.Result plain = new Lbfgs(10, 1e-10, 10_000).minimize((x, g) -> quadratic(diag, b, x, g), new double[n]);
        Lbfgs.Result preconditioned = new Lbfgs(10, 1e-10, 10_000).minimize((x, g) -> quadratic(diag, b, x, g), new double[n], v -> {
            for (int i = 0; i < n; i++) {
                v[i] /= diag[i];
            }
        });
        assertThat(preconditioned.iterations()).isEqualTo(1);
        assertThat(plain.iterations()).isGreaterThan(10);
        assertThat(preconditioned.x()[n - 1]).isCloseTo(1e-6, within(1e-15));
    }

    @Test
    void theSameProblemGivesTheSameIterates() {
        Objective f = (x, g) -> {
            g[0] = 4 * x[0] * x[0] * x[0] + x[1];
            g[1] = 2 * x[1] + x[0];
            return Math.pow(x[0], 4) + x[1] * x[1] + x[0] * x[1];
        };
        assertThat(new Lbfgs(3, 1e-9, 100).minimize(f, new double[] {2, -3}).x())
                .containsExactly(new Lbfgs(3, 1e-9, 100).minimize(f, new double[] {2, -3}).x());
    }

    @Test
    void badSettingsAndANonFiniteStartAreRefused() {
        assertThatThrownBy(() -> new Lbfgs(0, 1e-6, 10)).hasMessageContaining("memory");
        assertThatThrownBy(() -> new Lbfgs(5, 0, 10)).hasMessageContaining("tolerance");
        assertThatThrownBy(() -> new Lbfgs(5, 1e-6, 0)).hasMessageContaining("maxIterations");
        assertThatThrownBy(() -> new Lbfgs(5, 1e-6, 10).minimize((x, g) -> Double.NaN, new double[] {1}))
                .isInstanceOf(ArithmeticException.class).hasMessageContaining("not finite");
    }

    @Test
    void aStationaryStartReturnsAtOnce() {
        Lbfgs.Result r = new Lbfgs(5, 1e-6, 10).minimize((x, g) -> {
            g[0] = 2 * x[0];
            return x[0] * x[0];
        }, new double[] {0});
        assertThat(r.converged()).isTrue();
        assertThat(r.iterations()).isZero();
    }
}
