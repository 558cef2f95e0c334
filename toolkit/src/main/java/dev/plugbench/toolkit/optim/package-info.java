/**
 * Deterministic minimisers of smooth objectives on plain {@code double[]} parameter vectors (L-BFGS
 * with a Wolfe line search), for convex fits that must be solved, not trained: surrogate models,
 * calibration. Network training uses {@code toolkit.nn}'s optimisers instead. Depends on the JDK only.
 */
@ToolkitStatus(ToolkitStatus.Level.MAINTAINED)
package dev.plugbench.toolkit.optim;

import dev.plugbench.toolkit.ToolkitStatus;
