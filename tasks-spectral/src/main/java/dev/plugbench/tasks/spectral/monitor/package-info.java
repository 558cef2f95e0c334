/**
 * Spectral probes outside the harness: a {@link dev.plugbench.tasks.spectral.monitor.ProbeMonitor} that any
 * training loop (an application's own) attaches to run chosen probes every k steps.
 */
package dev.plugbench.tasks.spectral.monitor;
