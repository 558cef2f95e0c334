/**
 * The benchmark harness: runs every method of a family on a {@link dev.plugbench.api.bench.BenchTask}
 * (methods x parameter sweep x settings x seeds, each cell independent and deterministic), computes
 * the metrics itself, and writes results.json (schema plugbench.results/2), results.csv, report.md
 * and plots, atomically and resumably; reports, comparisons, sweeps, shards and the executors
 * (threads, worker JVMs, the {@link dev.plugbench.harness.RunnerProvider} SPI). Depends on the host's
 * embedding API and the toolkit, never on the CLI or a family: tasks come through ServiceLoader and PF4J.
 */
package dev.plugbench.harness;

