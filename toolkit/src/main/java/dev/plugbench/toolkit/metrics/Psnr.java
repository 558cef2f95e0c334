package dev.plugbench.toolkit.metrics;

/** Peak signal-to-noise ratio, 10 log10(peak^2 / MSE), in decibels. */
public final class Psnr {
    private Psnr() {
    }

    /**
     * PSNR of one image against its reference.
     *
     * @param peak the largest possible value (1 for images in [0, 1])
     * @return decibels; positive infinity when the images are equal
     */
    public static double of(double[] reference, double[] image, double peak) {
        Checks.sameLength(reference, image, "PSNR");
        Checks.finite(reference, "PSNR (reference)");
        Checks.finite(image, "PSNR (image)");
        Checks.atLeast(reference.length, 1, "PSNR");
        if (!(peak > 0)) {
            throw new IllegalArgumentException("PSNR: peak = " + peak + "; it must be positive");
        }
        double mse = 0;
        for (int i = 0; i < reference.length; i++) {
            double d = reference[i] - image[i];
            mse += d * d;
        }
        mse /= reference.length;
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(peak * peak / mse);
    }
}
