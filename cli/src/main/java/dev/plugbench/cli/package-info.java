/**
 * The {@code plugbench} command line (picocli): thin commands over the host's embedding API and the
 * harness. The only package that writes to stdout; everything else logs to stderr. Names no family.
 */
package dev.plugbench.cli;
