package dev.plugbench.toolkit.metrics;

/**
 * Structural similarity (Wang, Bovik, Sheikh, Simoncelli 2004) with a Gaussian window, computed as
 * in the authors' reference code: local means, variances and covariance under the window at every
 * position where it fits inside the image ("valid"), population (biased) moments,
 * C1 = (0.01 L)^2, C2 = (0.03 L)^2, and the mean of the SSIM map.
 */
public final class Ssim {
    private final int window;
    private final double sigma;
    private final double[] kernel;

    /**
     * @param window odd window side (11 in the paper; at most the image side)
     * @param sigma  standard deviation of the Gaussian weights (1.5 in the paper)
     */
    public Ssim(int window, double sigma) {
        if (window < 1 || window % 2 == 0) {
            throw new IllegalArgumentException("SSIM window = " + window + "; it must be odd and positive");
        }
        if (!(sigma > 0)) {
            throw new IllegalArgumentException("SSIM sigma = " + sigma + "; it must be positive");
        }
        this.window = window;
        this.sigma = sigma;
        double[] g = new double[window];
        double sum = 0;
        int r = window / 2;
        for (int i = 0; i < window; i++) {
            g[i] = Math.exp(-((i - r) * (i - r)) / (2 * sigma * sigma));
            sum += g[i];
        }
        for (int i = 0; i < window; i++) {
            g[i] /= sum;
        }
        this.kernel = g;
    }

    /** The paper's setting: an 11 x 11 window with sigma 1.5. */
    public static Ssim standard() {
        return new Ssim(11, 1.5);
    }

    public int window() {
        return window;
    }

    public double sigma() {
        return sigma;
    }

    /**
     * SSIM of an image (height x width, row-major) against its reference.
     *
     * @param range the data range L (1 for images in [0, 1])
     */
    public double of(double[] reference, double[] image, int height, int width, double range) {
        Checks.sameLength(reference, image, "SSIM");
        if (reference.length != height * width) {
            throw new IllegalArgumentException("SSIM: " + reference.length + " values do not make a " + height + " x " + width + " image");
        }
        if (window > height || window > width) {
            throw new IllegalArgumentException("SSIM: the " + window + " x " + window + " window does not fit a " + height + " x " + width
                    + " image; use a smaller window (for 8x8 images, new Ssim(7, 1.0))");
        }
        Checks.finite(reference, "SSIM (reference)");
        Checks.finite(image, "SSIM (image)");
        double c1 = Math.pow(0.01 * range, 2);
        double c2 = Math.pow(0.03 * range, 2);
        int outH = height - window + 1;
        int outW = width - window + 1;
        double total = 0;
        for (int top = 0; top < outH; top++) {
            for (int left = 0; left < outW; left++) {
                double mx = 0;
                double my = 0;
                double xx = 0;
                double yy = 0;
                double xy = 0;
                for (int i = 0; i < window; i++) {
                    for (int j = 0; j < window; j++) {
                        double w = kernel[i] * kernel[j];
                        double a = reference[(top + i) * width + left + j];
                        double b = image[(top + i) * width + left + j];
                        mx += w * a;
                        my += w * b;
                        xx += w * a * a;
                        yy += w * b * b;
                        xy += w * a * b;
                    }
                }
                double vx = xx - mx * mx;
                double vy = yy - my * my;
                double cov = xy - mx * my;
                total += ((2 * mx * my + c1) * (2 * cov + c2)) / ((mx * mx + my * my + c1) * (vx + vy + c2));
            }
        }
        return total / (outH * outW);
    }
}
