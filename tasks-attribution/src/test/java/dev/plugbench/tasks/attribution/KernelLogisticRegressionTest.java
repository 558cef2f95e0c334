package dev.plugbench.tasks.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The exact kGLM against sklearn's LogisticRegression (src/test/python/make_kglm_reference.py) and its own algebra. */
class KernelLogisticRegressionTest {
    private static JsonNode reference(String name) throws IOException {
        try (InputStream in = KernelLogisticRegressionTest.class.getResourceAsStream("/kglm-reference.json")) {
            return new ObjectMapper().readTree(in).get(name);
        }
    }

    private static INDArray matrix(JsonNode rows) {
        double[][] m = new double[rows.size()][];
        for (int i = 0; i < m.length; i++) {
            m[i] = new double[rows.get(i).size()];
            for (int j = 0; j < m[i].length; j++) {
                m[i][j] = rows.get(i).get(j).asDouble();
            }
        }
        return Nd4j.createFromArray(m);
    }

    private static int[] ints(JsonNode a) {
        int[] v = new int[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).asInt();
        }
        return v;
    }

    @ParameterizedTest
    @ValueSource(strings = {"binary", "multiclass"})
    void theSolutionMatchesSklearnsLogisticRegression(String name) throws IOException {
        JsonNode ref = reference(name);
        int classes = ref.get("classes").asInt();
        int[] labels = ints(ref.get("labels"));
        int n = labels.length;
        int outputs = classes == 2 ? 1 : classes;
        KernelLogisticRegression kglm = KernelLogisticRegression.fit(matrix(ref.get("kernel")), labels, classes, ref.get("alpha").asDouble(), 1e-10);
        KernelLogisticRegression.Solution s = kglm.solution();

        assertThat(s.relativeGradientNorm()).isLessThanOrEqualTo(1e-10);
        assertThat(s.objective()).isCloseTo(ref.get("objective").asDouble(), within(1e-9 * ref.get("objective").asDouble()));
        double[] w = s.parameters();
        double largestError = 0;
        for (int c = 0; c < outputs; c++) {
            for (int i = 0; i < n; i++) {
                largestError = Math.max(largestError, Math.abs(w[i * outputs + c] - ref.get("coef").get(c).get(i).asDouble()));
            }
        }
        double biasMean = 0;
        for (int c = 0; c < outputs; c++) {
            biasMean += outputs == 1 ? 0 : w[n * outputs + c] / outputs;
        }
        for (int c = 0; c < outputs; c++) {
            largestError = Math.max(largestError, Math.abs(w[n * outputs + c] - biasMean - ref.get("intercept").get(c).asDouble()));
        }
        assertThat(largestError).as("largest coefficient difference from sklearn").isLessThan(1e-6);
    }

    @Test
    void theGradientMatchesCentralDifferences() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int classes : new int[] {2, 4}) {
            int n = 12;
            double[] z = new double[n * n];
            for (int i = 0; i < z.length; i++) {
                z[i] = rnd.nextGaussian();
            }
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = i % classes;
            }
            KernelLogisticRegression.Problem problem = new KernelLogisticRegression.Problem(Nd4j.create(z, new long[] {n, n}, 'c'), labels,
                    classes, 0.03);
            double[] x = new double[problem.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = 0.5 * rnd.nextGaussian();
            }
            double[] g = new double[x.length];
            problem.evaluate(x, g);
            double h = 1e-6;
            for (int j = 0; j < x.length; j++) {
                double[] plus = x.clone();
                double[] minus = x.clone();
                plus[j] += h;
                minus[j] -= h;
                double numeric = (problem.evaluate(plus, new double[x.length]) - problem.evaluate(minus, new double[x.length])) / (2 * h);
                assertThat(g[j]).as("d/dx_%d with %d classes", j, classes).isCloseTo(numeric, within(1e-8));
            }
        }
    }

    @Test
    void theLogitIsTheSumOfItsAttributionsPlusBias() {
        INDArray k = Nd4j.createFromArray(new double[][] {{1, 0.2, 0.1, 0.4}, {0.2, 1, 0.3, 0.1}, {0.1, 0.3, 1, 0.2}, {0.4, 0.1, 0.2, 1}});
        for (int classes : new int[] {2, 3}) {
            KernelLogisticRegression kglm = KernelLogisticRegression.fit(k, new int[] {0, 1, classes - 1, 0}, classes, 1e-4);
            INDArray row = Nd4j.createFromArray(new double[][] {{0.5, 0.7, -0.2, 0.3}});
            INDArray logits = kglm.logits(row);
            for (int c = 0; c < classes; c++) {
                double sum = 0;
                for (double a : kglm.attributions(row, c)) {
                    sum += a;
                }
                assertThat(sum + kglm.bias(c)).isCloseTo(logits.getDouble(0, c), within(1e-12));
            }
            assertThat(kglm.logits(k).argMax(1).toIntVector()).containsExactly(0, 1, classes - 1, 0);
        }
    }

    @Test
    void scalingOrShiftingTheKernelLeavesTheModelUnchanged() throws IOException {
        JsonNode ref = reference("multiclass");
        INDArray k = matrix(ref.get("kernel"));
        int[] labels = ints(ref.get("labels"));
        INDArray rows = k.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 20), org.nd4j.linalg.indexing.NDArrayIndex.all());
        INDArray logits = KernelLogisticRegression.fit(k, labels, 10, 1e-2).logits(rows);
        INDArray transformed = KernelLogisticRegression.fit(k.mul(7).addi(3), labels, 10, 1e-2).logits(rows.mul(7).addi(3));
        assertThat(transformed.sub(logits).amaxNumber().doubleValue()).isLessThan(1e-5);
    }
}
