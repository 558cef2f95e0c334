/**
 * Datasets as immutable values ({@link dev.plugbench.toolkit.data.Dataset}) with provenance hashes,
 * the embedded UCI digits, Fashion-MNIST from IDX files, synthetic generators with known ground
 * truth, and the usual operations: stratified splits, standardisation, seeded mini-batches.
 */
@ToolkitStatus(ToolkitStatus.Level.MAINTAINED)
package dev.plugbench.toolkit.data;

import dev.plugbench.toolkit.ToolkitStatus;
