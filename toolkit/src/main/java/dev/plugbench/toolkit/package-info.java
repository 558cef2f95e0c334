/**
 * The numeric toolkit the host and plugins share: networks with per-example gradients
 * ({@code nn}), datasets ({@code data}), linear algebra on LAPACK ({@code linalg}), metrics
 * ({@code metrics}) and convex optimisation ({@code optim}). It is its own artifact,
 * {@code plugbench-toolkit}, with its own version ({@link dev.plugbench.toolkit.ToolkitVersion}) and
 * stability levels ({@link dev.plugbench.toolkit.ToolkitStatus}): like Trino's plugin toolkit it is
 * outside the contract's compatibility promise. The host provides one copy to all plugins (scope
 * {@code provided}; never bundled). Depends on the contract's model types ({@code api.model}, which
 * its networks implement and its kernels read), ND4J and the JDK; never on the host.
 */
@ToolkitStatus(ToolkitStatus.Level.MAINTAINED)
package dev.plugbench.toolkit;
