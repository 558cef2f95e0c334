/**
 * Benchmark tasks of the {@code spectral} family: training regimes (small- and large-learning-rate
 * gradient descent, Adam) of a two-layer network on a single-index teacher and of an MLP on the
 * digits, with the probes called at checkpoints.
 */
package dev.plugbench.tasks.spectral;
