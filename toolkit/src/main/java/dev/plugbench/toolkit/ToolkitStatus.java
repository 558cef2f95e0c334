package dev.plugbench.toolkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How far a toolkit package or type may be relied upon, independently of the contract's
 * {@code ApiStatus}: the toolkit has its own version ({@link ToolkitVersion}) and its own promise.
 * Every toolkit package carries one.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.PACKAGE})
public @interface ToolkitStatus {
    /** The stability of the annotated package or type. */
    Level value();

    /** Stability levels. */
    enum Level {
        /** Kept source-compatible within a minor version of the toolkit: plugins may build on it. */
        MAINTAINED,
        /** Shaped by the current studies; may change in any toolkit version. */
        EXPERIMENTAL
    }
}
