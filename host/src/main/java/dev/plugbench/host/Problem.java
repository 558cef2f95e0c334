package dev.plugbench.host;

import java.time.Instant;
import java.util.Objects;

/**
 * Something the host refused or could not do, kept so that an application (or {@code plugbench
 * plugins}) can show it. The host goes on working; everything else stays loaded.
 *
 * @param subject what it concerns: a plugin id, a plugin file, or an extension class
 * @param kind    the category
 * @param message what happened
 * @param fix     what to do about it
 * @param at      when
 */
public record Problem(String subject, Kind kind, String message, String fix, Instant at) {
    public Problem {
        Objects.requireNonNull(subject, "subject is null");
        Objects.requireNonNull(kind, "kind is null");
        Objects.requireNonNull(message, "message is null");
        Objects.requireNonNull(fix, "fix is null");
        Objects.requireNonNull(at, "at is null");
    }

    /** Categories of problems. */
    public enum Kind {
        /** The file is not a readable jar or zip, or has no valid descriptor. */
        CORRUPT_PLUGIN,
        /** The plugin's {@code plugin.requires} excludes this host's API version. */
        INCOMPATIBLE_API,
        /** Another plugin already uses this plugin id. */
        DUPLICATE_PLUGIN,
        /** Another source already registered a method with this family and id. */
        DUPLICATE_METHOD,
        /** Another source (the host's class path or another plugin) already provides a benchmark task with this family and name. */
        DUPLICATE_TASK,
        /** An extension class named in the plugin's index cannot be loaded. */
        MISSING_CLASS,
        /** An extension could not be created (its constructor or injection failed) or described itself wrongly. */
        BROKEN_EXTENSION,
        /** The plugin exposes no extension at all. */
        NO_EXTENSIONS,
        /** The plugin failed to start. */
        START_FAILED,
        /** A reload failed; the previous version keeps serving. */
        RELOAD_FAILED,
        /** The plugins directory could not be watched or read. */
        DIRECTORY,
        /** The host loads trusted plugins only, and this file is not on the trust list (or its content changed). */
        UNTRUSTED,
        /** A thread the plugin started still ran when the host closed, and did not end when interrupted. */
        THREAD_LEFT_RUNNING
    }

    @Override
    public String toString() {
        return kind + " " + subject + ": " + message + " (fix: " + fix + ")";
    }
}
