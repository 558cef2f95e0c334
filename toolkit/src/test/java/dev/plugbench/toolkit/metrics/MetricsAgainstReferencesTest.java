package dev.plugbench.toolkit.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plugbench.toolkit.References;
import org.junit.jupiter.api.Test;

/** Each metric against scipy, sklearn or scikit-image on the same stored inputs. */
class MetricsAgainstReferencesTest {
    @Test
    void spearmanRhoMatchesScipyWithAndWithoutTies() {
        for (JsonNode c : References.get("spearman")) {
            assertThat(Spearman.rho(References.doubles(c.get("x")), References.doubles(c.get("y"))))
                    .isCloseTo(c.get("rho").asDouble(), within(1e-12));
        }
        assertThat(Spearman.rho(new double[] {1, 2, 3}, new double[] {5, 5, 5})).isNaN();
        assertThat(Spearman.rho(new double[] {1, 2, 3, 4}, new double[] {10, 20, 30, 400})).isEqualTo(1.0);
    }

    @Test
    void kendallTauBMatchesScipyWithAndWithoutTies() {
        for (JsonNode c : References.get("kendall")) {
            double[] x = References.doubles(c.get("x"));
            double[] y = References.doubles(c.get("y"));
            assertThat(KendallTau.tauB(x, y)).as("n = %d", x.length).isCloseTo(c.get("tau").asDouble(), within(1e-12));
        }
    }

    @Test
    void kendallTauBEqualsThePairCountingDefinition() {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(3);
        for (int trial = 0; trial < 20; trial++) {
            int n = 2 + rng.nextInt(60);
            double[] x = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = rng.nextInt(6);
                y[i] = rng.nextInt(4) + 0.5 * x[i];
            }
            double expected = KendallTau.tauBByPairs(x, y);
            if (Double.isNaN(expected)) {
                assertThat(KendallTau.tauB(x, y)).isNaN();
            } else {
                assertThat(KendallTau.tauB(x, y)).isCloseTo(expected, within(1e-12));
            }
        }
    }

    @Test
    void kendallTauOfConstantInputIsUndefined() {
        assertThat(KendallTau.tauB(new double[] {1, 1, 1}, new double[] {1, 2, 3})).isNaN();
        assertThatThrownBy(() -> KendallTau.tauB(new double[] {1, Double.NaN}, new double[] {1, 2}))
                .hasMessageContaining("value 1 is NaN");
    }

    @Test
    void aurocMatchesSklearnWithTiedScores() {
        JsonNode c = References.get("auroc");
        assertThat(Ranking.auroc(References.doubles(c.get("scores")), References.booleans(c.get("labels"))))
                .isCloseTo(c.get("auroc").asDouble(), within(1e-12));
    }

    @Test
    void precisionAtKCountsRelevantItemsAmongTheTopK() {
        double[] scores = {0.9, 0.1, 0.8, 0.7, 0.2};
        boolean[] relevant = {true, false, false, true, true};
        assertThat(Ranking.precisionAtK(scores, relevant, 1)).isEqualTo(1.0);
        assertThat(Ranking.precisionAtK(scores, relevant, 3)).isEqualTo(2.0 / 3);
        assertThat(Ranking.precisionAtK(scores, relevant, 5)).isEqualTo(3.0 / 5);
        assertThatThrownBy(() -> Ranking.precisionAtK(scores, relevant, 6)).hasMessageContaining("k = 6");
    }

    @Test
    void rSquaredMatchesSklearnAndScipy() {
        JsonNode c = References.get("r2");
        double[] t = References.doubles(c.get("truth"));
        double[] p = References.doubles(c.get("predicted"));
        assertThat(Fit.coefficientOfDetermination(t, p)).isCloseTo(c.get("r2_score").asDouble(), within(1e-12));
        assertThat(Fit.rSquaredOfLinearFit(t, p)).isCloseTo(c.get("linear_fit_r2").asDouble(), within(1e-12));
    }

    @Test
    void ksDistanceMatchesScipy() {
        JsonNode c = References.get("ks");
        assertThat(KolmogorovSmirnov.distance(References.doubles(c.get("a")), References.doubles(c.get("b"))))
                .isCloseTo(c.get("d").asDouble(), within(1e-12));
    }

    @Test
    void ssimAndPsnrMatchScikitImage() {
        JsonNode c = References.get("ssim");
        double[] ref = References.doubles(c.get("reference"));
        double[] img = References.doubles(c.get("image"));
        assertThat(Ssim.standard().of(ref, img, 28, 28, 1.0)).isCloseTo(c.get("ssim").asDouble(), within(1e-9));
        assertThat(Psnr.of(ref, img, 1.0)).isCloseTo(References.get("psnr").get("psnr").asDouble(), within(1e-9));
    }

    @Test
    void ssimOfAnImageWithItselfIsOneAndTooLargeAWindowIsRefused() {
        double[] img = new double[64];
        for (int i = 0; i < 64; i++) {
            img[i] = (i * 7 % 16) / 16.0;
        }
        assertThat(new Ssim(7, 1.0).of(img, img, 8, 8, 1.0)).isCloseTo(1.0, within(1e-12));
        assertThatThrownBy(() -> Ssim.standard().of(img, img, 8, 8, 1.0)).hasMessageContaining("new Ssim(7, 1.0)");
        assertThat(Psnr.of(img, img, 1.0)).isInfinite();
    }

    @Test
    void perplexityIsKForUniformUseAndOneForCollapse() {
        assertThat(new CodeUsage(new long[] {5, 5, 5, 5}).perplexity()).isCloseTo(4.0, within(1e-12));
        assertThat(new CodeUsage(new long[] {9, 0, 0, 0}).perplexity()).isCloseTo(1.0, within(1e-12));
        assertThat(new CodeUsage(new long[] {9, 0, 0, 0}).deadFraction()).isEqualTo(0.75);
        // two codes at 3:1 -> H = -(3/4 ln 3/4 + 1/4 ln 1/4)
        double h = -(0.75 * Math.log(0.75) + 0.25 * Math.log(0.25));
        assertThat(new CodeUsage(new long[] {3, 1}).perplexity()).isCloseTo(Math.exp(h), within(1e-12));
    }
}
