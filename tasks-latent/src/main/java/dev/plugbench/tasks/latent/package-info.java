/**
 * Harness tasks of the {@code latent} family: one autoencoder per task and seed, the same initial
 * weights, data order, optimizer and step count for every method; only the quantizer between
 * encoder and decoder changes. Scores: test PSNR, SSIM and MSE of the reconstructions, code
 * usage (perplexity, dead codes) and the cost of training and of quantizing.
 */
package dev.plugbench.tasks.latent;
