package dev.plugbench.toolkit.data;

/** A data file that does not have the expected format: the message names the file, the place and what was expected. */
public final class DataFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DataFormatException(String source, String where, String expected, String found) {
        super(source + ", " + where + ": expected " + expected + ", found " + found);
    }

    public DataFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
