package dev.plugbench.api.services;

import dev.plugbench.api.ApiStatus;
import java.util.Optional;

/** Read-only settings the embedding application gave the host (for example a data directory). */
@ApiStatus(ApiStatus.Status.STABLE)
public interface HostSettings {
    /** The value of {@code key}, if set. */
    Optional<String> get(String key);
}
