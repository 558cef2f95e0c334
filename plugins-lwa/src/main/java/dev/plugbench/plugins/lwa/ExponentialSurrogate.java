package dev.plugbench.plugins.lwa;

import dev.plugbench.api.lwa.Costs;

/**
 * The binary L2H surrogate of the authors' prototype (notes, section 1.4), for y in {-1, +1}, the
 * client's margin m, the rejector's output r (r > 0 keeps the input local) and the expert's e:
 * <pre>
 *   L_S = 1[y m <= 0] exp(alpha r) + c_1 exp(-r - y e) + c_e exp(-r)
 * </pre>
 * It is convex in (r, e). Its population minimiser offloads iff
 * alpha q(x) > c_e + 2 c_1 sqrt(eta (1 - eta)) (q: the client's conditional error, eta = P(y = 1 | x)),
 * which is the Bayes boundary only where q equals the p used to calibrate alpha.
 *
 * @param costs the costs c_e and c_1
 * @param alpha the weight of the local-error term
 */
record ExponentialSurrogate(Costs costs, double alpha) {
    ExponentialSurrogate {
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("alpha = " + alpha + ": it must be a finite number > 0");
        }
    }

    /**
     * alpha = (c_e + 2 sqrt((p - c_e)(c_1 - p + c_e))) / p, the value that puts the surrogate's
     * boundary on the Bayes boundary min(eta, 1 - eta) = (p - c_e) / c_1 when the client's
     * conditional error is p everywhere (the authors' beta = 2 form).
     *
     * @param p the client's error rate on the training data
     */
    static double calibratedAlpha(Costs costs, double p) {
        double ce = costs.offload();
        double c1 = costs.expertError();
        if (!(p > ce)) {
            throw new IllegalArgumentException(String.format(
                    "alpha cannot be calibrated: the client's training error p = %.4f is not above the offload cost c_e = %.4f,"
                            + " so a client that errs at rate p should never be helped. Lower c_e below p, or set 'alpha' explicitly.",
                    p, ce));
        }
        if (p > c1 + ce) {
            throw new IllegalArgumentException(String.format(
                    "alpha cannot be calibrated: the client's training error p = %.4f exceeds c_1 + c_e = %.4f"
                            + " (the formula's square root is negative). Set 'alpha' explicitly.", p, c1 + ce));
        }
        return (ce + 2 * Math.sqrt((p - ce) * (c1 - p + ce))) / p;
    }

    /**
     * The authors' code's alpha: the square root's argument clipped at 0, so it always has a value,
     * c_e / p when p <= c_e (where the calibrated alpha does not exist), and the calibrated alpha
     * wherever that exists.
     */
    static double clippedAlpha(Costs costs, double p) {
        if (!(p > 0)) {
            throw new IllegalArgumentException(String.format("alpha cannot be chosen: the client's training error is p = %.4f;"
                    + " a client that is never wrong needs no help. Set 'alpha' explicitly.", p));
        }
        double ce = costs.offload();
        double c1 = costs.expertError();
        return (ce + 2 * Math.sqrt(Math.max(0, (p - ce) * (c1 - p + ce)))) / p;
    }

    /** L_S at one point; {@code y} is -1 or +1, {@code clientWrong} is 1[y m <= 0]. */
    double value(double r, double e, int y, boolean clientWrong) {
        return (clientWrong ? Math.exp(alpha * r) : 0) + costs.expertError() * Math.exp(-r - y * e)
                + costs.offload() * Math.exp(-r);
    }

    /** dL_S/dr at one point. */
    double gradientR(double r, double e, int y, boolean clientWrong) {
        return (clientWrong ? alpha * Math.exp(alpha * r) : 0) - costs.expertError() * Math.exp(-r - y * e)
                - costs.offload() * Math.exp(-r);
    }

    /** dL_S/de at one point. */
    double gradientE(double r, double e, int y) {
        return -y * costs.expertError() * Math.exp(-r - y * e);
    }

    /** Whether the population minimiser offloads at (eta, q), r and e unconstrained (closed form, notes 1.4). */
    boolean populationOffloads(double eta, double q) {
        return alpha * q > costs.offload() + 2 * costs.expertError() * Math.sqrt(eta * (1 - eta));
    }
}
