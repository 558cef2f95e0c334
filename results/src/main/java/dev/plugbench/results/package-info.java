/**
 * Benchmark history: {@link dev.plugbench.results.ResultsIndex}, an embedded SQLite index of every
 * run folder under one or more results roots (rebuilt from the folders, which stay the source of
 * truth), and {@link dev.plugbench.results.ResultsServer}, the read-only local web app and JSON API
 * on top of it ({@code plugbench serve}): runs, compare, history across plugin versions, sweeps.
 * Built on the harness (its comparisons and summaries), never the other way round.
 */
package dev.plugbench.results;
