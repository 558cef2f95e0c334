/**
 * Surrogate feature spaces for the {@code attribution} family (Engel et al., "Faithful and
 * efficient explanations for neural networks via neural tangent kernel surrogate models", ICLR
 * 2024): the trace and pseudo NTK of a network, cosine-normalised, raw and randomly projected,
 * against the conjugate, embedding, gradient-cosine, TRAK and input-RBF kernels.
 */
package dev.plugbench.plugins.attribution;
