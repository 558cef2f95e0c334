package dev.plugbench.host;

import java.time.Duration;

/** A call made through {@link Plugbench#call} did not return within its time limit; the method was interrupted. */
public final class MethodTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MethodTimeoutException(String method, Duration limit, String thread) {
        super("the call to " + method + " did not return within " + limit.toMillis() + " ms and was interrupted; if it ignores interrupts it "
                + "keeps running in thread '" + thread + "' (a daemon). Run methods you do not trust in worker JVMs (bench --workers N)");
    }
}
