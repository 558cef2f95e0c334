/**
 * The benchmark harness: runs every method of a family on a {@link dev.plugbench.api.bench.BenchTask}
 * (methods x parameter sweep x settings x seeds, each cell independent and deterministic), computes
 * the metrics itself, and writes results.json (schema plugbench.results/2), results.csv, report.md
 * and plots, atomically and resumably. Depends on the host's embedding API and the toolkit.
 */
package dev.plugbench.host.bench;

