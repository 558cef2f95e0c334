/**
 * The hot-swap drill of the conformance kit, run from a plugin author's own build: extend
 * {@link dev.plugbench.tck.hotswap.HotSwapContract} with an empty test class.
 */
package dev.plugbench.tck.hotswap;
