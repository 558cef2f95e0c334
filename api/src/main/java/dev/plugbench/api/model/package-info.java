/**
 * Read-only views of trained networks that extension points receive: a {@link dev.plugbench.api.model.Model}
 * to evaluate and a {@link dev.plugbench.api.model.ModelSnapshot} of its parameters.
 */
package dev.plugbench.api.model;
