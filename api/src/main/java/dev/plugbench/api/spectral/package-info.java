/**
 * Extension point {@code spectral}: a {@link dev.plugbench.api.spectral.SpectralProbe} measures a
 * snapshot of a network during training (weight spectra, kernel spectra, norm changes, tails)
 * against its initial snapshot.
 */
@ApiStatus(ApiStatus.Status.EXPERIMENTAL)
package dev.plugbench.api.spectral;

import dev.plugbench.api.ApiStatus;
