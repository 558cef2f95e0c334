/**
 * The Plugbench contract: what every method carries ({@link dev.plugbench.api.Method},
 * {@link dev.plugbench.api.MethodInfo}, declared and validated {@link dev.plugbench.api.Params}),
 * and the API version plugins declare against. The four extension points live in the sub-packages
 * {@code lwa}, {@code latent}, {@code attribution} and {@code spectral}. Depends on PF4J's
 * {@code ExtensionPoint}, ND4J and the JDK only; never on the host.
 */
package dev.plugbench.api;
