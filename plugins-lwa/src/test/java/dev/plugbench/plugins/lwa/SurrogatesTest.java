package dev.plugbench.plugins.lwa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.plugbench.api.lwa.Costs;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/** The two surrogates: gradients, alpha's calibration, and where their population minimisers offload. */
class SurrogatesTest {
    private static final double H = 1e-6;

    @Test
    void exponentialSurrogateGradientsMatchFiniteDifferences() {
        ExponentialSurrogate s = new ExponentialSurrogate(new Costs(0.07, 1.3), 2.7);
        for (double r : new double[] {-0.9, -0.2, 0.0, 0.4, 0.95}) {
            for (double e : new double[] {-0.8, 0.1, 0.7}) {
                for (int y : new int[] {-1, 1}) {
                    for (boolean wrong : new boolean[] {false, true}) {
                        double fdR = (s.value(r + H, e, y, wrong) - s.value(r - H, e, y, wrong)) / (2 * H);
                        double fdE = (s.value(r, e + H, y, wrong) - s.value(r, e - H, y, wrong)) / (2 * H);
                        assertThat(s.gradientR(r, e, y, wrong)).isCloseTo(fdR, within(1e-7 * Math.max(1, Math.abs(fdR))));
                        assertThat(s.gradientE(r, e, y)).isCloseTo(fdE, within(1e-7 * Math.max(1, Math.abs(fdE))));
                    }
                }
            }
        }
    }

    @Test
    void squashedGradientsChainCorrectly() {
        ExponentialSurrogate s = new ExponentialSurrogate(new Costs(0.05, 1), 3);
        Squash q = Squash.TWO_SIGMOID;
        for (double a : new double[] {-2, -0.3, 0.5, 1.7}) {
            double e = 0.3;
            double fd = (s.value(q.apply(a + H), e, 1, true) - s.value(q.apply(a - H), e, 1, true)) / (2 * H);
            double analytic = s.gradientR(q.apply(a), e, 1, true) * q.derivativeAt(q.apply(a));
            assertThat(analytic).isCloseTo(fd, within(1e-7));
        }
    }

    @Test
    void multiclassSurrogateGradientMatchesFiniteDifferences() {
        MulticlassSurrogate s = new MulticlassSurrogate(new Costs(0.1, 1.25));
        double[] g = new double[2];
        double[] unused = new double[2];
        for (double zl : new double[] {-3, 0, 1.5}) {
            for (double zr : new double[] {-1, 0.2, 2}) {
                for (boolean right : new boolean[] {false, true}) {
                    for (boolean expertWrong : new boolean[] {false, true}) {
                        s.lossAndGradient(zl, zr, right, expertWrong, g);
                        double fdL = (s.lossAndGradient(zl + H, zr, right, expertWrong, unused)
                                - s.lossAndGradient(zl - H, zr, right, expertWrong, unused)) / (2 * H);
                        double fdR = (s.lossAndGradient(zl, zr + H, right, expertWrong, unused)
                                - s.lossAndGradient(zl, zr - H, right, expertWrong, unused)) / (2 * H);
                        assertThat(g[0]).isCloseTo(fdL, within(1e-8));
                        assertThat(g[1]).isCloseTo(fdR, within(1e-8));
                    }
                }
            }
        }
    }

    @Test
    void remoteWeightHasTheCorrectedSign() {
        MulticlassSurrogate s = new MulticlassSurrogate(new Costs(0.2, 1.2));
        assertThat(s.remoteWeight(false)).isCloseTo(0.8, within(1e-15));
        assertThat(s.remoteWeight(true)).isCloseTo(-0.4, within(1e-15)); // the authors' script would give 2.0
        assertThat(s.localTermWeight(true, true)).isCloseTo(1.4, within(1e-15));
        assertThat(s.remoteTermWeight(true)).isZero();
    }

    @Test
    void alphaMatchesHandComputedValues() {
        // c_e = 0, c_1 = 1, p = 0.18 (the authors' notebook): 2 sqrt(0.18 * 0.82) / 0.18
        assertThat(ExponentialSurrogate.calibratedAlpha(new Costs(0, 1), 0.18)).isCloseTo(4.268749491621899, within(1e-12));
        // c_e = 0.1, c_1 = 1, p = 0.25: (0.1 + 2 sqrt(0.15 * 0.85)) / 0.25 = (0.1 + 0.714142842854285) / 0.25
        assertThat(ExponentialSurrogate.calibratedAlpha(new Costs(0.1, 1), 0.25)).isCloseTo(3.25657137141714, within(1e-12));
        // the authors' beta form gives the same number
        double p = 0.25;
        double ce = 0.1;
        double c1 = 1;
        double beta = 2 * (ce + Math.sqrt(4 * c1 * (p - ce) - 4 * p * p + 8 * ce * p - 4 * ce * ce)) / (2 * p);
        assertThat(ExponentialSurrogate.calibratedAlpha(new Costs(ce, c1), p)).isCloseTo(beta, within(1e-12));
    }

    @Test
    void clippedAlphaIsTheCalibratedOneWhereThatExistsAndCeOverPWhereItDoesNot() {
        assertThat(ExponentialSurrogate.clippedAlpha(new Costs(0.1, 1), 0.25)).isEqualTo(ExponentialSurrogate.calibratedAlpha(new Costs(0.1, 1), 0.25));
        // p = 0.08 <= c_e = 0.1: no calibrated alpha; the authors' clip gives c_e / p
        assertThatThrownBy(() -> ExponentialSurrogate.calibratedAlpha(new Costs(0.1, 1), 0.08)).hasMessageContaining("not above the offload cost");
        assertThat(ExponentialSurrogate.clippedAlpha(new Costs(0.1, 1), 0.08)).isCloseTo(0.1 / 0.08, within(1e-15));
        // p > c_1 + c_e: the other factor is clipped
        assertThat(ExponentialSurrogate.clippedAlpha(new Costs(0.1, 0.2), 0.5)).isCloseTo(0.1 / 0.5, within(1e-15));
        assertThatThrownBy(() -> ExponentialSurrogate.clippedAlpha(new Costs(0.1, 1), 0)).hasMessageContaining("never wrong");
    }

    @Test
    void calibratedAlphaPutsTheBoundaryOnBayesWhereTheClientErrsAtRateP() {
        for (double[] c : new double[][] {{0, 1, 0.18}, {0.05, 1, 0.3}, {0.1, 1.25, 0.2}}) {
            Costs costs = new Costs(c[0], c[1]);
            double p = c[2];
            ExponentialSurrogate s = new ExponentialSurrogate(costs, ExponentialSurrogate.calibratedAlpha(costs, p));
            double etaOnBayesBoundary = (p - c[0]) / c[1];
            double gap = s.alpha() * p - c[0] - 2 * c[1] * Math.sqrt(etaOnBayesBoundary * (1 - etaOnBayesBoundary));
            assertThat(gap).isCloseTo(0, within(1e-12));
        }
    }

    @Test
    void alphaCannotBeCalibratedWhenTheClientErrsLessThanTheOffloadCost() {
        assertThatThrownBy(() -> ExponentialSurrogate.calibratedAlpha(new Costs(0.2, 1), 0.1))
                .hasMessageContaining("p = 0.1000").hasMessageContaining("c_e = 0.2000").hasMessageContaining("'alpha'");
    }

    /** min over x in [lo, hi] of a convex function, by ternary search. */
    /** Ternary search of a convex function: 90 rounds shrink [-20, 20] to 40 (2/3)^90 ~ 6e-15, below double precision at |x| ~ 1. */
    private static double argmin(DoubleUnaryOperator f, double lo, double hi) {
        for (int i = 0; i < 90; i++) {
            double a = lo + (hi - lo) / 3;
            double b = hi - (hi - lo) / 3;
            if (f.applyAsDouble(a) < f.applyAsDouble(b)) {
                hi = b;
            } else {
                lo = a;
            }
        }
        return 0.5 * (lo + hi);
    }

    private static boolean bayesOffloads(Costs costs, double q, double expertError) {
        return q > costs.offload() + costs.expertError() * expertError;
    }

    @Test
    void exponentialSurrogatesPopulationMinimiserFollowsItsClosedFormAndDepartsFromBayes() {
        Costs costs = new Costs(0.05, 1);
        double p = 0.25;
        ExponentialSurrogate s = new ExponentialSurrogate(costs, ExponentialSurrogate.calibratedAlpha(costs, p));
        int checked = 0;
        int departures = 0;
        for (int a = 1; a < 50; a++) {
            double eta = a / 50.0;
            for (int b = 1; b < 50; b++) {
                double q = b / 50.0;
                // conditional risk E[L_S | x] of (r, e): e minimised for each r (the risk is jointly convex)
                DoubleUnaryOperator riskOfR = r -> {
                    DoubleUnaryOperator riskOfE = e -> q * Math.exp(s.alpha() * r)
                            + costs.expertError() * (eta * Math.exp(-r - e) + (1 - eta) * Math.exp(-r + e)) + costs.offload() * Math.exp(-r);
                    return riskOfE.applyAsDouble(argmin(riskOfE, -20, 20));
                };
                double rStar = argmin(riskOfR, -20, 20);
                double margin = s.alpha() * q - costs.offload() - 2 * Math.sqrt(eta * (1 - eta));
                if (Math.abs(margin) < 1e-3) {
                    continue; // on the boundary the sign of r* is numerically undetermined
                }
                checked++;
                assertThat(rStar <= 0).as("eta=%s q=%s r*=%s", eta, q, rStar).isEqualTo(s.populationOffloads(eta, q));
                if (s.populationOffloads(eta, q) != bayesOffloads(costs, q, Math.min(eta, 1 - eta))) {
                    departures++;
                }
            }
        }
        assertThat(checked).isGreaterThan(2300);
        // the departure is real: a calibrated alpha does not make the exponential surrogate consistent
        assertThat(departures).isGreaterThan(100);
        // ... but on the line q = p it agrees with Bayes everywhere
        for (int a = 1; a < 1000; a++) {
            double eta = a / 1000.0;
            double bayesMargin = p - costs.offload() - Math.min(eta, 1 - eta);
            if (Math.abs(bayesMargin) > 1e-3) {
                assertThat(s.populationOffloads(eta, p)).as("eta=%s", eta).isEqualTo(bayesOffloads(costs, p, Math.min(eta, 1 - eta)));
            }
        }
    }

    @Test
    void multiclassSurrogatesPopulationMinimiserIsTheBayesRule() {
        for (Costs costs : new Costs[] {new Costs(0, 1.25), new Costs(0.1, 1), new Costs(0.25, 1), new Costs(0.2, 1.2)}) {
            MulticlassSurrogate s = new MulticlassSurrogate(costs);
            int checked = 0;
            for (int a = 0; a <= 50; a++) {
                double q = a / 50.0; // P(client wrong | x)
                for (int b = 0; b <= 50; b++) {
                    double expertWrong = b / 50.0; // P(expert wrong | x)
                    double local = (1 - q) + expertWrong * Math.max(-s.remoteWeight(true), 0)
                            + (1 - expertWrong) * Math.max(-s.remoteWeight(false), 0);
                    double remote = expertWrong * s.remoteTermWeight(true) + (1 - expertWrong) * s.remoteTermWeight(false);
                    // conditional risk as a function of delta = z_remote - z_local
                    DoubleUnaryOperator risk = delta -> local * Math.log1p(Math.exp(delta)) + remote * Math.log1p(Math.exp(-delta));
                    double delta = argmin(risk, -60, 60);
                    double bayesMargin = q - costs.offload() - costs.expertError() * expertWrong;
                    if (Math.abs(bayesMargin) < 1e-9) {
                        continue;
                    }
                    checked++;
                    assertThat(delta > 0).as("costs=%s q=%s s=%s delta=%s", costs, q, expertWrong, delta)
                            .isEqualTo(bayesOffloads(costs, q, expertWrong));
                }
            }
            assertThat(checked).isGreaterThan(2500);
        }
    }
}
