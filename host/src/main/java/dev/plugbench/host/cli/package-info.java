/**
 * The {@code plugbench} command line (picocli): thin commands over the embedding API. The only
 * package that writes to stdout; everything else logs to stderr.
 */
package dev.plugbench.host.cli;
