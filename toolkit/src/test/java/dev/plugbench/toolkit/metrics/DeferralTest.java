package dev.plugbench.toolkit.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DeferralTest {
    private static final boolean T = true;
    private static final boolean F = false;

    @Test
    void riskAndAccuracyByHand() {
        Deferral d = new Deferral(new boolean[] {T, F, F, T}, new boolean[] {T, T, F, F});
        boolean[] off = {F, T, T, F};
        assertThat(d.systemAccuracy(off)).isEqualTo(0.75);
        // 0 + (0.1) + (0.1 + 1.5) + 0, over 4
        assertThat(d.risk(off, 0.1, 1.5)).isCloseTo(1.7 / 4, within(1e-15));
        assertThat(d.risk(new boolean[4], 0.1, 1.5)).isEqualTo(0.5);
    }

    @Test
    void curvePointsAreTheAccuracyWithTheLowestScoresOffloaded() {
        Deferral d = new Deferral(new boolean[] {T, F, F, T}, new boolean[] {T, T, F, F});
        double[] score = {0.9, 0.1, 0.2, 0.8};
        assertThat(d.accuracyAtRejectRates(score, new double[] {0, 0.25, 0.5, 0.75, 1}))
                .containsExactly(0.5, 0.75, 0.75, 0.5, 0.5);
    }

    @Test
    void tiedScoresMoveTheAccuracyLinearly() {
        Deferral d = new Deferral(new boolean[] {F, T}, new boolean[] {T, F});
        assertThat(d.accuracyAtRejectRates(new double[] {0, 0}, new double[] {0, 0.5, 1})).containsExactly(0.5, 0.5, 0.5);
        assertThat(d.accuracyAtRejectRates(new double[] {0, 1}, new double[] {0, 0.5, 1})).containsExactly(0.5, 1.0, 0.5);
    }

    @Test
    void aucIsTheMeanOfTheCurveOverTheRangeAgainstBruteForce() {
        SplittableRandom rng = new SplittableRandom(2);
        int n = 200;
        boolean[] c = new boolean[n];
        boolean[] e = new boolean[n];
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            c[i] = rng.nextDouble() < 0.7;
            e[i] = rng.nextDouble() < 0.9;
            s[i] = rng.nextDouble();
        }
        Deferral d = new Deferral(c, e);
        double area = 0;
        for (int k = 0; k < n / 2; k++) {
            double a = d.accuracyAtRejectRates(s, new double[] {(double) k / n})[0];
            double b = d.accuracyAtRejectRates(s, new double[] {(double) (k + 1) / n})[0];
            area += 0.5 * (a + b) / n;
        }
        assertThat(d.accuracyRejectAuc(s, 0.5)).isCloseTo(area / 0.5, within(1e-12));
    }

    @Test
    void badInputIsRefused() {
        assertThatThrownBy(() -> new Deferral(new boolean[2], new boolean[3])).hasMessageContaining("2 entries but expertCorrect 3");
        Deferral d = new Deferral(new boolean[2], new boolean[2]);
        assertThatThrownBy(() -> d.risk(new boolean[3], 0, 1)).hasMessageContaining("3 decisions for 2 inputs");
        assertThatThrownBy(() -> d.accuracyRejectAuc(new double[] {0, Double.NaN}, 0.5)).hasMessageContaining("NaN");
    }
}
