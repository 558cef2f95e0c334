package dev.plugbench.plugins.latent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.plugbench.toolkit.data.Gaussian;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class BatchOmpTest {
    static INDArray unitColumns(SplittableRandom rng, int c, int k) {
        double[][] d = new double[c][k];
        for (int j = 0; j < k; j++) {
            double n = 0;
            for (int m = 0; m < c; m++) {
                d[m][j] = Gaussian.next(rng);
                n += d[m][j] * d[m][j];
            }
            for (int m = 0; m < c; m++) {
                d[m][j] /= Math.sqrt(n);
            }
        }
        return Nd4j.createFromArray(d);
    }

    /** The least-squares fit of h on the columns {@code support} of D: coefficients and residual norm^2. */
    static double[] leastSquares(double[][] d, double[] h, int[] support) {
        int s = support.length;
        double[][] a = new double[s][s + 1];
        for (int i = 0; i < s; i++) {
            for (int j = 0; j < s; j++) {
                for (int m = 0; m < h.length; m++) {
                    a[i][j] += d[m][support[i]] * d[m][support[j]];
                }
            }
            for (int m = 0; m < h.length; m++) {
                a[i][s] += d[m][support[i]] * h[m];
            }
        }
        for (int p = 0; p < s; p++) { // Gauss-Jordan with partial pivoting
            int best = p;
            for (int r = p + 1; r < s; r++) {
                if (Math.abs(a[r][p]) > Math.abs(a[best][p])) {
                    best = r;
                }
            }
            double[] t = a[p];
            a[p] = a[best];
            a[best] = t;
            for (int r = 0; r < s; r++) {
                if (r != p) {
                    double f = a[r][p] / a[p][p];
                    for (int col = p; col <= s; col++) {
                        a[r][col] -= f * a[p][col];
                    }
                }
            }
        }
        double[] out = new double[s + 1];
        for (int i = 0; i < s; i++) {
            out[i] = a[i][s] / a[i][i];
        }
        double res = 0;
        for (int m = 0; m < h.length; m++) {
            double v = h[m];
            for (int i = 0; i < s; i++) {
                v -= d[m][support[i]] * out[i];
            }
            res += v * v;
        }
        out[s] = res;
        return out;
    }

    @Test
    void recoversExactlySparseVectorsLikeABruteForceSearchOverAllSupports() {
        SplittableRandom rng = new SplittableRandom(4);
        int c = 32;
        int k = 20;
        int[] checked = new int[5];
        for (int s0 = 1; s0 <= 4; s0++) {
            INDArray dArr = unitColumns(rng, c, k);
            double[][] d = dArr.toDoubleMatrix();
            BatchOmp omp = new BatchOmp(dArr);
            for (int trial = 0; trial < 2000 && checked[s0] < 10; trial++) {
                // h = a combination of s0 atoms with coefficients of magnitude in [1, 2]
                int[] truth = rng.ints(0, k).distinct().limit(s0).toArray();
                if (!exactRecoveryCondition(d, truth, k)) {
                    continue; // no guarantee that a greedy pursuit finds this support (Tropp 2004)
                }
                double[] h = new double[c];
                for (int j : truth) {
                    double g = (1 + rng.nextDouble()) * (rng.nextBoolean() ? 1 : -1);
                    for (int m = 0; m < c; m++) {
                        h[m] += g * d[m][j];
                    }
                }
                // brute force: the support of size s0 with the least residual
                double bestRes = Double.POSITIVE_INFINITY;
                int[] bestSupport = null;
                double[] bestCoef = null;
                for (int[] support : subsets(k, s0)) {
                    double[] fit = leastSquares(d, h, support);
                    if (fit[s0] < bestRes) {
                        bestRes = fit[s0];
                        bestSupport = support;
                        bestCoef = fit;
                    }
                }
                BatchOmp.Codes codes = omp.code(Nd4j.createFromArray(new double[][] {h}), s0);
                int[] found = codes.support().clone();
                double[] coef = codes.coefficients().clone();
                sortTogether(found, coef);
                assertThat(found).containsExactly(bestSupport);
                for (int i = 0; i < s0; i++) {
                    assertThat(coef[i]).isCloseTo(bestCoef[i], within(1e-9));
                }
                checked[s0]++;
            }
        }
        assertThat(Arrays.stream(checked).skip(1)).as("cases per S0 meeting the recovery condition: %s", Arrays.toString(checked))
                .allMatch(m -> m == 10);
    }

    /**
     * Tropp's exact recovery condition: max over atoms j outside S of ||pinv(D_S) d_j||_1 < 1
     * guarantees that OMP recovers every signal supported on S.
     */
    static boolean exactRecoveryCondition(double[][] d, int[] support, int k) {
        for (int j = 0; j < k; j++) {
            final int atom = j;
            if (Arrays.stream(support).anyMatch(s -> s == atom)) {
                continue;
            }
            double[] dj = new double[d.length];
            for (int m = 0; m < d.length; m++) {
                dj[m] = d[m][j];
            }
            double[] fit = leastSquares(d, dj, support);
            double l1 = 0;
            for (int i = 0; i < support.length; i++) {
                l1 += Math.abs(fit[i]);
            }
            if (l1 >= 1) {
                return false;
            }
        }
        return true;
    }

    @ParameterizedTest
    @ValueSource(strings = {"/omp_reference.txt", "/omp_reference_s6.txt"})
    void matchesSklearnsOrthogonalMpGramOnAStoredProblem(String resource) throws Exception {
        List<double[]> rows = new ArrayList<>();
        int c;
        int k;
        int n;
        int s0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                BatchOmpTest.class.getResourceAsStream(resource), StandardCharsets.UTF_8))) {
            r.readLine();
            int[] dims = Arrays.stream(r.readLine().trim().split(" ")).mapToInt(Integer::parseInt).toArray();
            c = dims[0];
            k = dims[1];
            n = dims[2];
            s0 = dims[3];
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                rows.add(Arrays.stream(line.trim().split(" ")).mapToDouble(Double::parseDouble).toArray());
            }
        }
        INDArray d = Nd4j.createFromArray(rows.subList(0, c).toArray(double[][]::new));
        INDArray x = Nd4j.createFromArray(rows.subList(c, c + n).toArray(double[][]::new));
        double[][] expected = rows.subList(c + n, c + 2 * n).toArray(double[][]::new);
        BatchOmp.Codes codes = new BatchOmp(d).code(x, s0);
        for (int i = 0; i < n; i++) {
            double[] dense = new double[k];
            for (int s = 0; s < s0; s++) {
                int atom = codes.support()[i * s0 + s];
                if (atom >= 0) {
                    dense[atom] = codes.coefficients()[i * s0 + s];
                }
            }
            for (int j = 0; j < k; j++) {
                assertThat(dense[j]).as("row %d atom %d", i, j).isCloseTo(expected[i][j], within(1e-9));
            }
        }
    }

    @Test
    void reconstructionIsDTimesGammaAndStopsEarlyOnAnExactFit() {
        SplittableRandom rng = new SplittableRandom(9);
        INDArray d = unitColumns(rng, 6, 10);
        INDArray h = d.getColumn(3).reshape(1, 6).mul(2.5);
        BatchOmp omp = new BatchOmp(d);
        BatchOmp.Codes codes = omp.code(h, 4);
        assertThat(codes.support()).containsExactly(3, -1, -1, -1);
        assertThat(codes.coefficients()[0]).isCloseTo(2.5, within(1e-12));
        assertThat(omp.reconstruct(codes).sub(h).norm2Number().doubleValue()).isLessThan(1e-12);
    }

    @Test
    void parallelCodingGivesTheSameCodesAsOneVectorAtATime() {
        SplittableRandom rng = new SplittableRandom(10);
        int c = 7; // one pass of four rows of D and three single rows
        INDArray d = unitColumns(rng, c, 64);
        int n = 4000;
        double[] rows = Gaussian.next(rng, n * c);
        INDArray x = Nd4j.createFromArray(rows).reshape(n, c);
        BatchOmp omp = new BatchOmp(d);
        assertThat(omp.tasks(n, 3)).isGreaterThan(1);
        assertThat(omp.tasks(1, 3)).isEqualTo(1);
        BatchOmp.Codes all = omp.code(x, 3);
        INDArray padded = Nd4j.vstack(Nd4j.zeros(DataType.DOUBLE, 2, c), x, Nd4j.zeros(DataType.DOUBLE, 3, c));
        BatchOmp.Codes fromView = omp.code(padded.get(NDArrayIndex.interval(2, n + 2), NDArrayIndex.all()), 3);
        assertThat(fromView.support()).containsExactly(all.support());
        assertThat(fromView.coefficients()).containsExactly(all.coefficients());
        for (int i = 0; i < n; i++) {
            BatchOmp.Codes one = omp.code(Nd4j.createFromArray(Arrays.copyOfRange(rows, i * c, (i + 1) * c)).reshape(1, c), 3);
            assertThat(Arrays.copyOfRange(all.support(), 3 * i, 3 * i + 3)).containsExactly(one.support());
            assertThat(Arrays.copyOfRange(all.coefficients(), 3 * i, 3 * i + 3)).containsExactly(one.coefficients(), within(1e-12));
        }
    }

    static List<int[]> subsets(int k, int size) {
        List<int[]> out = new ArrayList<>();
        subsets(k, size, 0, new int[size], 0, out);
        return out;
    }

    private static void subsets(int k, int size, int start, int[] current, int depth, List<int[]> out) {
        if (depth == size) {
            out.add(current.clone());
            return;
        }
        for (int j = start; j < k; j++) {
            current[depth] = j;
            subsets(k, size, j + 1, current, depth + 1, out);
        }
    }

    private static void sortTogether(int[] keys, double[] values) {
        for (int i = 0; i < keys.length; i++) {
            for (int j = i + 1; j < keys.length; j++) {
                if (keys[j] < keys[i]) {
                    int t = keys[i];
                    keys[i] = keys[j];
                    keys[j] = t;
                    double v = values[i];
                    values[i] = values[j];
                    values[j] = v;
                }
            }
        }
    }
}
