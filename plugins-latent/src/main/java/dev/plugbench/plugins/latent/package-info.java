/**
 * Latent quantizers for the {@code latent} family (Li and Sarwate, "LASERS", arXiv 2409.11184):
 * the paper's sparse dictionary coded by Batch-OMP ({@code dictionary}) and the VQ codebooks it
 * is compared with ({@code vq}, {@code vq-ema}, and residual VQ, {@code rvq}). Each quantizer maps
 * n x C latent rows (one latent vector a row) to a reconstruction, passes the decoder's gradient
 * straight through to the encoder and learns its codebook or dictionary. Uses only the API and toolkit.
 */
package dev.plugbench.plugins.latent;
