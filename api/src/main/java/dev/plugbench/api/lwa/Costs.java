package dev.plugbench.api.lwa;

import dev.plugbench.api.ApiStatus;

/**
 * Costs of the generalized 0-1 loss: a local error costs 1, each offload costs {@code offload}
 * (c_e), and an expert error on an offloaded input costs {@code expertError} more (c_1).
 */
@ApiStatus(ApiStatus.Status.EXPERIMENTAL)
public record Costs(double offload, double expertError) {
    public Costs {
        if (!Double.isFinite(offload) || offload < 0) {
            throw new IllegalArgumentException("offload cost c_e = " + offload + " is invalid: it must be a finite number >= 0");
        }
        if (!Double.isFinite(expertError) || expertError <= 0) {
            throw new IllegalArgumentException("expert error cost c_1 = " + expertError + " is invalid: it must be a finite number > 0");
        }
    }
}
