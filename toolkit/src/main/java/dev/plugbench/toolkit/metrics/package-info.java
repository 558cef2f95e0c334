/**
 * Metrics the harness computes (plugins never grade themselves): rank correlation (Kendall tau-b in
 * O(n log n)), image quality (PSNR, SSIM), retrieval (AUROC, precision@k), fit (R^2), spectra
 * (Hill and power-law MLE tail exponents, Marchenko-Pastur law, two-sample KS distance) and code
 * usage (perplexity). Each is tested against an independent reference (scipy, sklearn, numpy).
 */
@ToolkitStatus(ToolkitStatus.Level.MAINTAINED)
package dev.plugbench.toolkit.metrics;

import dev.plugbench.toolkit.ToolkitStatus;
