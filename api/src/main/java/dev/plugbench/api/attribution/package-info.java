/**
 * Extension point {@code attribution}: a {@link dev.plugbench.api.attribution.SurrogateFeatureSpace}
 * turns a trained network into a kernel between inputs (an NTK variant, an embedding or influence
 * kernel); the host fits a kernel machine on it and measures how faithfully it tracks the network.
 */
@ApiStatus(ApiStatus.Status.EXPERIMENTAL)
package dev.plugbench.api.attribution;

import dev.plugbench.api.ApiStatus;
