/**
 * Extension point {@code latent}: a {@link dev.plugbench.api.latent.LatentQuantizer} maps latent
 * vectors to a discrete (VQ codebook) or sparse (dictionary) reconstruction inside an autoencoder
 * that the host trains; only the quantizer differs between methods.
 */
@ApiStatus(ApiStatus.Status.EXPERIMENTAL)
package dev.plugbench.api.latent;

import dev.plugbench.api.ApiStatus;
