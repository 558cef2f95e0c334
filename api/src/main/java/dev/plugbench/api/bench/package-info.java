/**
 * Benchmark tasks, as the harness runs them: a {@link dev.plugbench.api.bench.BenchTask} of one
 * family defines its data, {@link dev.plugbench.api.bench.Setting}s and
 * {@link dev.plugbench.api.MetricSpec metrics}, and computes a cell's metrics from a method and a
 * {@link dev.plugbench.api.bench.CellContext}; each finished cell is a
 * {@link dev.plugbench.api.bench.CellResult}. In the contract, though experimental, so that tasks ship
 * as plugins too.
 */
@ApiStatus(ApiStatus.Status.EXPERIMENTAL)
package dev.plugbench.api.bench;

import dev.plugbench.api.ApiStatus;
