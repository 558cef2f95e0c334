package dev.plugbench.host;

import java.util.Collection;

/** A look-up or a call named a method that is not registered (or was removed by an unload). */
public final class MethodNotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MethodNotFoundException(String family, String id, Collection<String> available) {
        super("no method '" + id + "' in family '" + family + "'; registered: "
                + (available.isEmpty() ? "none" : String.join(", ", available))
                + ". Check the id, or run 'plugbench plugins' to see what loaded and why others did not");
    }
}
