/**
 * The Spark runner ({@code bench --runner spark[=MASTER]}): the harness's cells as Spark tasks, one
 * task per cell, each run in a worker JVM on its executor that rebuilds the host from plugin files
 * shipped by content hash ({@code SparkContext.addFile}) and checked against the driver's hashes
 * before anything runs, with the driver's numeric thread count pinned. Rows stream back to the
 * driver, which writes them with the harness's own cell store. Found by the host through
 * {@link dev.plugbench.harness.RunnerProvider}.
 */
package dev.plugbench.spark;
