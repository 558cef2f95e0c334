package dev.plugbench.api.bench;

import dev.plugbench.api.ApiStatus;

/** How large a run is: the quick version of each task (smoke runs, the demo, tests) or the full study. */
@ApiStatus(ApiStatus.Status.EXPERIMENTAL)
public enum Scale {
    /** The small version: minutes for a whole family. */
    QUICK,
    /** The full study the docs' tables come from. */
    FULL;

    /** Whether this is {@link #QUICK}. */
    public boolean quick() {
        return this == QUICK;
    }

    /** {@link #QUICK} when {@code quick}, else {@link #FULL}. */
    public static Scale of(boolean quick) {
        return quick ? QUICK : FULL;
    }
}
