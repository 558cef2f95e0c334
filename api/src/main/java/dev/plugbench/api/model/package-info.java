/**
 * Read-only views of trained networks that extension points receive: a {@link dev.plugbench.api.model.Model}
 * to evaluate, a {@link dev.plugbench.api.model.DifferentiableModel} whose layers and per-example
 * gradients kernels and probes read (described by {@link dev.plugbench.api.model.LayerInfo}), and a
 * {@link dev.plugbench.api.model.ModelSnapshot} of its parameters.
 */
package dev.plugbench.api.model;
