/**
 * The numeric toolkit plugins and the host share: networks with per-example gradients
 * ({@code nn}), datasets ({@code data}), linear algebra on LAPACK ({@code linalg}) and metrics
 * ({@code metrics}). It ships in the API artifact so plugins need nothing from the host, but, like
 * Trino's plugin toolkit, it is outside the API's compatibility promise: it may change in any
 * version. Depends on ND4J and the JDK only.
 */
package dev.plugbench.toolkit;
