package dev.plugbench.api;

/**
 * The semantic version of this API. A plugin declares the range it needs in {@code plugin.requires}
 * (for example {@code >=0.1.0 & <1.0.0}); the host refuses plugins whose range excludes this version.
 * Minor versions only add (new optional methods carry defaults); a major version may break plugins.
 */
@ApiStatus(ApiStatus.Status.STABLE)
public final class ApiVersion {
    /** The version of the API that this artifact implements. */
    public static final String VERSION = "0.1.0";

    private ApiVersion() {
    }
}
