/**
 * The conformance kit: abstract JUnit 5 test classes, one per extension point, that a plugin author
 * extends once per method ({@code class MyProbeTest extends SpectralProbeContract}). Each inherited
 * test checks one property the host relies on and names it in its failure: the method's info and
 * parameter specs, output shapes and invariants, same seed same result, refusal of bad input with a
 * clear message, and concurrent calls equal to sequential ones. Inputs are tiny, so an author's
 * {@code mvn verify} stays fast.
 */
package dev.plugbench.tck;
