/**
 * The Plugbench host: the embedding API ({@link dev.plugbench.host.Plugbench}) that applications
 * call, and, package-private behind it, the runtime that discovers methods from PF4J plugins and the
 * classpath, injects host services with Guice, and swaps plugins while calls are in flight.
 * Depends on the API, PF4J, Guice and ND4J; nothing here is visible to plugins.
 */
package dev.plugbench.host;
