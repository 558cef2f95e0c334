package dev.plugbench.toolkit.optim;

import java.util.Arrays;

/**
 * Limited-memory BFGS (Nocedal and Wright, Numerical Optimization, 2nd ed., Algorithms 7.4 and
 * 7.5) with a line search that meets the strong Wolfe conditions (their Algorithms 3.5 and 3.6,
 * safeguarded cubic interpolation). It stops on the gradient: when ||g(x)|| <= tolerance *
 * ||g(x0)||, never after a fixed number of steps. Near the optimum a decrease can fall below the
 * rounding error of the function value; the sufficient-decrease test then allows that rounding
 * error (about 1e-13 relative), and the exact gradient carries the search, so tight tolerances are
 * reachable. Deterministic: the same objective and start give the same iterates.
 */
public final class Lbfgs {
    private static final double C1 = 1e-4;
    private static final double C2 = 0.9;
    private static final int MAX_LINE_SEARCH = 40;
    private static final double ROUNDING = 1e-13;

    private static final Preconditioner IDENTITY = v -> { };

    private final int memory;
    private final double tolerance;
    private final int maxIterations;

    /**
     * @param memory        correction pairs kept (5 to 20 is usual)
     * @param tolerance     stop when the gradient norm is at most this fraction of the starting one
     * @param maxIterations give up (converged = false) after this many iterations
     */
    public Lbfgs(int memory, double tolerance, int maxIterations) {
        if (memory < 1) {
            throw new IllegalArgumentException("memory must be at least 1; got " + memory);
        }
        if (!(tolerance > 0 && tolerance < 1)) {
            throw new IllegalArgumentException("tolerance must be in (0, 1); got " + tolerance);
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be at least 1; got " + maxIterations);
        }
        this.memory = memory;
        this.tolerance = tolerance;
        this.maxIterations = maxIterations;
    }

    /**
     * What a minimisation ended with.
     *
     * @param x                   the last iterate
     * @param value               the function value there
     * @param gradientNorm        the Euclidean norm of the gradient there
     * @param initialGradientNorm the gradient norm at the start
     * @param iterations          L-BFGS iterations taken
     * @param evaluations         function and gradient evaluations
     * @param converged           whether the gradient test was met
     */
    public record Result(double[] x, double value, double gradientNorm, double initialGradientNorm, int iterations, int evaluations,
                         boolean converged) {
        /** ||g(x)|| / ||g(x0)|| (0 when the start was already stationary). */
        public double relativeGradientNorm() {
            return initialGradientNorm == 0 ? 0 : gradientNorm / initialGradientNorm;
        }
    }

    /**
     * Minimises {@code f} from {@code start} (not modified).
     *
     * @throws ArithmeticException if the function or its gradient is not finite at the start
     */
    public Result minimize(Objective f, double[] start) {
        return minimize(f, start, IDENTITY);
    }

    /**
     * Minimises {@code f} from {@code start} with {@code preconditioner} as the initial inverse-Hessian
     * approximation (scaled each iteration by s'y / y'Hy): close to the inverse Hessian, it makes the
     * iterations independent of the problem's conditioning.
     */
    public Result minimize(Objective f, double[] start, Preconditioner preconditioner) {
        int n = start.length;
        double[] x = start.clone();
        double[] g = new double[n];
        double fx = f.evaluate(x, g);
        if (!Double.isFinite(fx) || !allFinite(g)) {
            throw new ArithmeticException("the objective or its gradient is not finite at the starting point");
        }
        double g0 = norm(g);
        double[][] s = new double[memory][n];
        double[][] y = new double[memory][n];
        double[] rho = new double[memory];
        int stored = 0;
        int newest = -1;
        LineSearch ls = new LineSearch(f, n);
        int evaluations = 1;
        int iteration = 0;
        double gNorm = g0;
        while (gNorm > tolerance * g0 && iteration < maxIterations) {
            double[] d = direction(g, s, y, rho, stored, newest, preconditioner);
            double slope = dot(d, g);
            if (!(slope < 0)) {
                stored = 0;
                d = negate(g);
                slope = -gNorm * gNorm;
            }
            double step = stored == 0 && preconditioner == IDENTITY ? Math.min(1, 1 / gNorm) : 1;
            boolean found = ls.search(x, fx, g, d, slope, step);
            evaluations += ls.evaluations;
            if (!found && stored > 0) {
                stored = 0;
                d = negate(g);
                found = ls.search(x, fx, g, d, -gNorm * gNorm, Math.min(1, 1 / gNorm));
                evaluations += ls.evaluations;
            }
            if (!found) {
                break;
            }
            iteration++;
            int slot = (newest + 1) % memory;
            double sy = 0;
            double yy = 0;
            for (int i = 0; i < n; i++) {
                s[slot][i] = ls.x[i] - x[i];
                y[slot][i] = ls.g[i] - g[i];
                sy += s[slot][i] * y[slot][i];
                yy += y[slot][i] * y[slot][i];
            }
            if (sy > 1e-12 * yy && yy > 0) {
                rho[slot] = 1 / sy;
                newest = slot;
                stored = Math.min(stored + 1, memory);
            }
            System.arraycopy(ls.x, 0, x, 0, n);
            System.arraycopy(ls.g, 0, g, 0, n);
            fx = ls.f;
            gNorm = norm(g);
        }
        return new Result(x, fx, gNorm, g0, iteration, evaluations, gNorm <= tolerance * g0);
    }

    /** The two-loop recursion: -H g with H the L-BFGS inverse-Hessian approximation. */
    private static double[] direction(double[] g, double[][] s, double[][] y, double[] rho, int stored, int newest, Preconditioner h) {
        double[] q = negate(g);
        if (stored == 0) {
            h.apply(q);
            return q;
        }
        int m = s.length;
        double[] alpha = new double[m];
        for (int k = 0, i = newest; k < stored; k++, i = (i - 1 + m) % m) {
            alpha[i] = rho[i] * dot(s[i], q);
            axpy(-alpha[i], y[i], q);
        }
        double[] hy = y[newest].clone();
        h.applyEach(q, hy);
        double gamma = 1 / (rho[newest] * dot(y[newest], hy));
        for (int j = 0; j < q.length; j++) {
            q[j] *= gamma;
        }
        int oldest = (newest - stored + 1 + m) % m;
        for (int k = 0, i = oldest; k < stored; k++, i = (i + 1) % m) {
            double beta = rho[i] * dot(y[i], q);
            axpy(alpha[i] - beta, s[i], q);
        }
        return q;
    }

    /** A strong-Wolfe line search along d from x; on success the accepted point is in x, g, f. */
    private static final class LineSearch {
        private final Objective objective;
        private final double[] x;
        private final double[] g;
        private final double[] trialX;
        private final double[] trialG;
        private double f;
        private int evaluations;
        private double[] origin;
        private double[] direction;

        LineSearch(Objective objective, int n) {
            this.objective = objective;
            this.x = new double[n];
            this.g = new double[n];
            this.trialX = new double[n];
            this.trialG = new double[n];
        }

        boolean search(double[] x0, double f0, double[] g0, double[] d, double slope0, double firstStep) {
            this.origin = x0;
            this.direction = d;
            this.evaluations = 0;
            double allowance = ROUNDING * Math.abs(f0);
            double prevStep = 0;
            double prevF = f0;
            double prevSlope = slope0;
            double step = firstStep;
            for (int i = 0; i < MAX_LINE_SEARCH; i++) {
                double fa = evaluate(step);
                if (!Double.isFinite(fa)) {
                    step = prevStep + 0.1 * (step - prevStep);
                    continue;
                }
                double slope = dot(trialG, d);
                if (fa > f0 + C1 * step * slope0 + allowance || (i > 0 && fa > prevF + allowance)) {
                    return zoom(f0, slope0, allowance, prevStep, prevF, prevSlope, step, fa, slope);
                }
                if (Math.abs(slope) <= -C2 * slope0) {
                    return accept(fa);
                }
                if (slope >= 0) {
                    return zoom(f0, slope0, allowance, step, fa, slope, prevStep, prevF, prevSlope);
                }
                prevStep = step;
                prevF = fa;
                prevSlope = slope;
                step *= 2;
            }
            return false;
        }

        private boolean zoom(double f0, double slope0, double allowance, double lo, double fLo, double slopeLo, double hi, double fHi,
                             double slopeHi) {
            for (int i = 0; i < MAX_LINE_SEARCH; i++) {
                double width = Math.abs(hi - lo);
                if (width <= 1e-16 * Math.max(Math.abs(lo), Math.abs(hi))) {
                    break;
                }
                double step = cubicMinimizer(lo, fLo, slopeLo, hi, fHi, slopeHi);
                double left = Math.min(lo, hi);
                double right = Math.max(lo, hi);
                if (!(step > left + 0.1 * width && step < right - 0.1 * width)) {
                    step = (lo + hi) / 2;
                }
                double fa = evaluate(step);
                double slope = dot(trialG, direction);
                if (!Double.isFinite(fa) || fa > f0 + C1 * step * slope0 + allowance || fa > fLo + allowance) {
                    hi = step;
                    fHi = fa;
                    slopeHi = slope;
                } else {
                    if (Math.abs(slope) <= -C2 * slope0) {
                        return accept(fa);
                    }
                    if (slope * (hi - lo) >= 0) {
                        hi = lo;
                        fHi = fLo;
                        slopeHi = slopeLo;
                    }
                    lo = step;
                    fLo = fa;
                    slopeLo = slope;
                }
            }
            if (lo > 0 && fLo < f0) {
                evaluate(lo);
                return accept(fLo);
            }
            return false;
        }

        private double evaluate(double step) {
            for (int i = 0; i < trialX.length; i++) {
                trialX[i] = origin[i] + step * direction[i];
            }
            evaluations++;
            return objective.evaluate(trialX, trialG);
        }

        private boolean accept(double fa) {
            System.arraycopy(trialX, 0, x, 0, x.length);
            System.arraycopy(trialG, 0, g, 0, g.length);
            f = fa;
            return true;
        }
    }

    /** The minimiser of the cubic through (a, fa, da) and (b, fb, db); NaN when it has none. */
    private static double cubicMinimizer(double a, double fa, double da, double b, double fb, double db) {
        if (!Double.isFinite(fb) || !Double.isFinite(db)) {
            return Double.NaN;
        }
        double d1 = da + db - 3 * (fa - fb) / (a - b);
        double disc = d1 * d1 - da * db;
        if (disc < 0) {
            return Double.NaN;
        }
        double d2 = Math.signum(b - a) * Math.sqrt(disc);
        return b - (b - a) * (db + d2 - d1) / (db - da + 2 * d2);
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    private static void axpy(double alpha, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += alpha * x[i];
        }
    }

    private static double[] negate(double[] a) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = -a[i];
        }
        return out;
    }

    private static boolean allFinite(double[] a) {
        return Arrays.stream(a).allMatch(Double::isFinite);
    }
}
