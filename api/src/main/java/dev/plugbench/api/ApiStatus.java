package dev.plugbench.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** How far a public type of the API may be relied upon. Every public API type carries one. */
@ApiStatus(ApiStatus.Status.STABLE)
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.PACKAGE})
public @interface ApiStatus {
    /** The stability of the annotated type. */
    Status value();

    /** Stability levels, as in JUnit's {@code @API}. */
    enum Status {
        /** Kept compatible within a major version. */
        STABLE,
        /** May change in a minor version; the family issues are still refining it. */
        EXPERIMENTAL
    }
}
