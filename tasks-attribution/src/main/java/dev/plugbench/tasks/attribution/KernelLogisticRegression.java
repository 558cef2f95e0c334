package dev.plugbench.tasks.attribution;

import dev.plugbench.toolkit.linalg.Buffers;
import dev.plugbench.toolkit.linalg.Cholesky;
import dev.plugbench.toolkit.linalg.MatMul;
import dev.plugbench.toolkit.optim.Lbfgs;
import dev.plugbench.toolkit.optim.Objective;
import dev.plugbench.toolkit.optim.Preconditioner;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The kGLM, solved exactly: logistic regression on each point's row of kernel values against the
 * training set. The objective is convex,
 * <pre>
 *   (1/n) sum_i w_{y_i} loss(z_i W + b, y_i) + lambda/2 ||W||^2,   w_k = n / (C n_k)  ("balanced"),
 * </pre>
 * with one logit and the logistic loss for two classes (as sklearn's binary LogisticRegression),
 * softmax cross-entropy otherwise, and the intercept b not penalised. It is minimised by L-BFGS until
 * the gradient norm is {@link #TOLERANCE} of its value at W = 0, b = 0; a fit that does not get
 * there fails instead of returning an unsolved model.
 *
 * <p>The features are the standardised kernel rows z_i = (K(x, x_i) - m_i) / s, m_i the mean of
 * training column i and s the standard deviation of all entries of the training block (ddof 0; the
 * paper divides its unnormalised kernel by that same s). This is an exact reparameterisation of the
 * model on the raw rows: logits = K(x, X) W / s + (b - m W / s), so the fitted model is linear in the
 * raw kernel row with weights W / s, and centring only moves the unpenalised intercept; the penalty
 * is lambda on the standardised weights, i.e. lambda s^2 on the raw ones, which makes the fit the
 * same for a kernel and any multiple of it. {@link #logits} and {@link #attributions} use the raw form:
 * a_ci(x) = (W_ic / s) K(x, x_i), the paper's W K, and the logit is their sum plus the raw intercept.
 */
final class KernelLogisticRegression {
    /**
     * The gradient-norm stop, relative to the gradient at the start. At 1e-6 the objective agrees with
     * a 1e-9 solve to about 1e-8 relative (digits, 10 classes, n = 1258: 150 against 275 iterations).
     */
    static final double TOLERANCE = 1e-6;
    private static final int MAX_ITERATIONS = 50_000;
    private static final int MEMORY = 20;

    /** n x C' raw weights (C' = 1 for two classes). */
    private final INDArray rawWeights;
    private final double[] rawBias;
    private final int classes;
    private final Solution solution;

    /**
     * How the solve ended: the objective and the gradient norm (absolute and relative to the start)
     * at the returned model, the L-BFGS iterations taken, and the solution in the standardised
     * coordinates [W (n x C', row-major), b (C')].
     */
    record Solution(double objective, double gradientNorm, double relativeGradientNorm, int iterations, double[] parameters) {
    }

    private KernelLogisticRegression(INDArray rawWeights, double[] rawBias, int classes, Solution solution) {
        this.rawWeights = rawWeights;
        this.rawBias = rawBias;
        this.classes = classes;
        this.solution = solution;
    }

    /**
     * Fits on the n x n training block.
     *
     * @param lambda L2 penalty on the standardised weights (the paper's sklearn alpha)
     * @throws IllegalStateException if L-BFGS stops short of the tolerance
     */
    static KernelLogisticRegression fit(INDArray kTrain, int[] labels, int classes, double lambda) {
        return fit(kTrain, labels, classes, lambda, TOLERANCE);
    }

    /** As above, stopping at {@code tolerance} (relative gradient norm) instead of {@link #TOLERANCE}. */
    static KernelLogisticRegression fit(INDArray kTrain, int[] labels, int classes, double lambda, double tolerance) {
        int n = labels.length;
        if (kTrain.rows() != n || kTrain.columns() != n) {
            throw new IllegalArgumentException("the training block must be " + n + " x " + n + "; got " + kTrain.rows() + " x " + kTrain.columns());
        }
        if (classes < 2) {
            throw new IllegalArgumentException("a kGLM needs at least 2 classes; got " + classes);
        }
        Standardized z = Standardized.of(kTrain);
        Problem problem = new Problem(z.rows(), labels, classes, lambda);
        Lbfgs.Result r = new Lbfgs(MEMORY, tolerance, MAX_ITERATIONS).minimize(problem, new double[problem.size()], problem.preconditioner());
        if (!r.converged()) {
            throw new IllegalStateException(String.format("the kGLM did not converge: gradient norm %.3g of its start (%.3g) after %d "
                    + "L-BFGS iterations; the kernel's training block may be degenerate", r.relativeGradientNorm(), r.gradientNorm(), r.iterations()));
        }
        int outputs = problem.outputs;
        double[] w = Arrays.copyOf(r.x(), n * outputs);
        double[] raw = new double[w.length];
        double[] rawBias = Arrays.copyOfRange(r.x(), n * outputs, n * outputs + outputs);
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < outputs; c++) {
                raw[i * outputs + c] = w[i * outputs + c] / z.scale();
                rawBias[c] -= z.means()[i] * raw[i * outputs + c];
            }
        }
        return new KernelLogisticRegression(Nd4j.create(raw, new long[] {n, outputs}, 'c'), rawBias, classes,
                new Solution(r.value(), r.gradientNorm(), r.relativeGradientNorm(), r.iterations(), r.x()));
    }

    /** Logits for kernel rows against the training set (m x n): m x C (for two classes, [0, logit of class 1]). */
    INDArray logits(INDArray kRows) {
        INDArray z = MatMul.of(kRows.castTo(DataType.DOUBLE), rawWeights);
        if (classes == 2) {
            INDArray out = Nd4j.zeros(DataType.DOUBLE, z.rows(), 2);
            out.getColumn(1).assign(z.getColumn(0).addi(rawBias[0]));
            return out;
        }
        return z.addiRowVector(Nd4j.createFromArray(rawBias));
    }

    /**
     * The logits the model's attributions give when only the training points in {@code keep} count:
     * sum over kept i of a_ci(x), plus the intercept (the linear datamodel of a training subset).
     */
    INDArray logits(INDArray kRows, boolean[] keep) {
        if (keep.length != rawWeights.rows()) {
            throw new IllegalArgumentException("the subset mask has " + keep.length + " entries for " + rawWeights.rows() + " training points");
        }
        double[] mask = new double[keep.length];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = keep[i] ? 1 : 0;
        }
        return logits(kRows.castTo(DataType.DOUBLE).mulRowVector(Nd4j.createFromArray(mask)));
    }

    /**
     * Attributions a_ci(x) = (W_ic / s) K(x, x_i) of every training point i to class c's logit, for one
     * row of kernel values (1 x n). For two classes, class 1 carries the logit (class 0's is 0).
     */
    double[] attributions(INDArray kRow, int c) {
        double[] k = Buffers.rowMajor(kRow);
        double[] a = new double[k.length];
        if (classes == 2 && c == 0) {
            return a;
        }
        int column = classes == 2 ? 0 : c;
        for (int i = 0; i < a.length; i++) {
            a[i] = rawWeights.getDouble(i, column) * k[i];
        }
        return a;
    }

    /** The intercept of class c's logit in the raw form. */
    double bias(int c) {
        return classes == 2 ? (c == 1 ? rawBias[0] : 0) : rawBias[c];
    }

    Solution solution() {
        return solution;
    }

    /** The standardised training block, with the column means and scale that produced it. */
    record Standardized(INDArray rows, double[] means, double scale) {
        static Standardized of(INDArray kTrain) {
            int n = (int) kTrain.rows();
            double[] k = Buffers.rowMajor(kTrain);
            double[] means = new double[n];
            double mean = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    means[j] += k[i * n + j];
                }
            }
            for (int j = 0; j < n; j++) {
                mean += means[j];
                means[j] /= n;
            }
            mean /= (double) n * n;
            double squares = 0;
            for (double v : k) {
                squares += (v - mean) * (v - mean);
            }
            double scale = Math.sqrt(squares / ((double) n * n));
            if (!(scale > 0) || !Double.isFinite(scale)) {
                throw new IllegalArgumentException("the training block of the kernel is constant or not finite; a kernel machine cannot use it");
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    k[i * n + j] = (k[i * n + j] - means[j]) / scale;
                }
            }
            return new Standardized(Nd4j.create(k, new long[] {n, n}, 'c'), means, scale);
        }
    }

    /**
     * The objective and its gradient over the parameter vector [W (n x C', row-major), b (C')]; the
     * two matrix products go through BLAS, the rest is one pass over the n x C' logits.
     */
    static final class Problem implements Objective {
        private final INDArray z;
        private final int[] labels;
        private final double[] sampleWeights;
        private final int outputs;
        private final double lambda;

        Problem(INDArray z, int[] labels, int classes, double lambda) {
            int n = labels.length;
            this.z = z;
            this.labels = labels;
            this.outputs = classes == 2 ? 1 : classes;
            this.lambda = lambda;
            int[] counts = new int[classes];
            for (int y : labels) {
                if (y < 0 || y >= classes) {
                    throw new IllegalArgumentException("label " + y + " is outside 0.." + (classes - 1));
                }
                counts[y]++;
            }
            this.sampleWeights = new double[n];
            for (int i = 0; i < n; i++) {
                sampleWeights[i] = n / ((double) classes * counts[labels[i]]);
            }
        }

        int size() {
            return (int) z.columns() * outputs + outputs;
        }

        /**
         * L-BFGS's starting inverse Hessian: the inverse of the Hessian with every point's loss
         * curvature replaced by a constant c (1/4 for one logit, 1/C for C; the values at W = 0):
         * (c Z'Z / n + lambda I)^-1 for each class's weights and 1 / c for the intercepts. The columns of
         * Z are centred, so its weight-intercept block is zero. It takes the kernel's spread of
         * eigenvalues out of the iteration count (digits, 10 classes, n = 1258: 933 iterations without
         * it, 275 with it, at a relative gradient of 1e-9).
         */
        Preconditioner preconditioner() {
            int n = labels.length;
            int p = (int) z.columns();
            double c = outputs == 1 ? 0.25 : 1.0 / outputs;
            INDArray a = MatMul.of(z, true, z, false, c / n);
            for (int i = 0; i < p; i++) {
                a.putScalar(i, i, a.getDouble(i, i) + lambda);
            }
            INDArray inverse = Cholesky.of(a).solve(Nd4j.eye(p).castTo(DataType.DOUBLE)).dup('c');
            int wSize = p * outputs;
            double curvature = c;
            return new Preconditioner() {
                @Override
                public void apply(double[] v) {
                    applyEach(v);
                }

                /** Every vector's weight block side by side, multiplied by the inverse in one product. */
                @Override
                public void applyEach(double[]... vs) {
                    double[] blocks = new double[p * outputs * vs.length];
                    for (int i = 0; i < p; i++) {
                        for (int k = 0; k < vs.length; k++) {
                            System.arraycopy(vs[k], i * outputs, blocks, (i * vs.length + k) * outputs, outputs);
                        }
                    }
                    double[] w = Buffers.rowMajor(MatMul.of(inverse, Buffers.matrix(blocks, p, outputs * vs.length)));
                    for (int k = 0; k < vs.length; k++) {
                        for (int i = 0; i < p; i++) {
                            System.arraycopy(w, (i * vs.length + k) * outputs, vs[k], i * outputs, outputs);
                        }
                        for (int j = wSize; j < vs[k].length; j++) {
                            vs[k][j] /= curvature;
                        }
                    }
                }
            };
        }

        @Override
        public double evaluate(double[] x, double[] gradient) {
            int n = labels.length;
            int p = (int) z.columns();
            int wSize = p * outputs;
            INDArray w = Buffers.matrix(Arrays.copyOf(x, wSize), p, outputs);
            double[] t = Buffers.rowMajor(MatMul.of(z, w));
            double[] g = new double[n * outputs];
            double loss = 0;
            for (int i = 0; i < n; i++) {
                double weight = sampleWeights[i] / n;
                int row = i * outputs;
                if (outputs == 1) {
                    double logit = t[i] + x[wSize];
                    int y = labels[i];
                    loss += weight * (softplus(logit) - y * logit);
                    g[i] = weight * (sigmoid(logit) - y);
                } else {
                    double max = Double.NEGATIVE_INFINITY;
                    for (int c = 0; c < outputs; c++) {
                        t[row + c] += x[wSize + c];
                        max = Math.max(max, t[row + c]);
                    }
                    double sum = 0;
                    for (int c = 0; c < outputs; c++) {
                        g[row + c] = Math.exp(t[row + c] - max);
                        sum += g[row + c];
                    }
                    loss += weight * (max + Math.log(sum) - t[row + labels[i]]);
                    for (int c = 0; c < outputs; c++) {
                        g[row + c] = weight * (g[row + c] / sum - (c == labels[i] ? 1 : 0));
                    }
                }
            }
            double[] gw = Buffers.rowMajor(MatMul.of(z, true, Buffers.matrix(g, n, outputs), false, 1));
            double penalty = 0;
            for (int j = 0; j < wSize; j++) {
                penalty += x[j] * x[j];
                gradient[j] = gw[j] + lambda * x[j];
            }
            for (int c = 0; c < outputs; c++) {
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    sum += g[i * outputs + c];
                }
                gradient[wSize + c] = sum;
            }
            return loss + lambda / 2 * penalty;
        }

        private static double softplus(double v) {
            return v > 0 ? v + Math.log1p(Math.exp(-v)) : Math.log1p(Math.exp(v));
        }

        private static double sigmoid(double v) {
            return v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v));
        }
    }
}
