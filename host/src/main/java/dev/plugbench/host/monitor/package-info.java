/**
 * Spectral probes outside the harness: a {@link dev.plugbench.host.monitor.ProbeMonitor} that any
 * training loop (an application's own) attaches to run chosen probes every k steps.
 */
package dev.plugbench.host.monitor;
