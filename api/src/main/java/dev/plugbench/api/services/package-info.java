/**
 * Host services a plugin may receive by constructor injection ({@code @jakarta.inject.Inject}):
 * the host binds each of these interfaces; plugins never see host classes.
 */
@ApiStatus(ApiStatus.Status.STABLE)
package dev.plugbench.api.services;

import dev.plugbench.api.ApiStatus;
