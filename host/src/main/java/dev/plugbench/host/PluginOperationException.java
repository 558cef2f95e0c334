package dev.plugbench.host;

/** An explicit plugin operation (load, unload, reload) that the host refused; the message says why and what to do. */
public final class PluginOperationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PluginOperationException(String message) {
        super(message);
    }
}
