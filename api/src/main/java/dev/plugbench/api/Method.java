package dev.plugbench.api;

/**
 * What every extension point has in common: a method describes itself. Implementations are
 * stateless and thread-safe; the host may call one instance from many threads at once, and state
 * that a run builds up lives in the objects the method returns (a fitted rule, a quantizer).
 */
@ApiStatus(ApiStatus.Status.STABLE)
public interface Method {
    /** The method's identity, family, reference and declared parameters; the same on every call. */
    MethodInfo info();
}
