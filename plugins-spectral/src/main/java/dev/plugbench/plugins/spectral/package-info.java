/**
 * Spectral probes for the {@code spectral} family (Wang, Engel, Sarwate, Dumitriu, Chiang,
 * "Spectral evolution and invariance in linear-width neural networks", NeurIPS 2023): weight
 * spectra against Marchenko-Pastur, norm changes, heavy-tail exponents, spike alignment, and the
 * spectra and target alignment of the conjugate kernel and the NTK. Uses only the API and toolkit.
 */
package dev.plugbench.plugins.spectral;
