package dev.plugbench.serving;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * What a load run does: how it sends, how long, and how often it replaces the served plugin.
 *
 * @param server      the server's base address; loopback only
 * @param method      the lwa method to drive
 * @param batch       rows per request (the test split's inputs, in order, cycling)
 * @param connections requests in flight at once, each on its own thread and connection
 * @param rate        requests a second in total, spread evenly (latency counted from when a request was due, so a slow server
 *                    is not hidden); 0: flat out, each connection sends when its last answer came
 * @param maxRequests the run ends after this many requests ...
 * @param maxDuration ... or after this long, whichever comes first
 * @param swaps       times the served plugin file is replaced by its next version during the run (one after the other, each
 *                    once the server serves the previous one)
 * @param swapTimeout how long one swap may take to show in the served version before it counts as failed
 */
public record LoadOptions(URI server, String method, int batch, int connections, double rate, long maxRequests, Duration maxDuration, int swaps,
                          Duration swapTimeout) {
    public LoadOptions {
        Objects.requireNonNull(server, "server is null");
        Objects.requireNonNull(method, "method is null");
        if (batch < 1 || batch > RuleServer.MAX_ROWS) {
            throw new IllegalArgumentException("batch = " + batch + ": give 1 to " + RuleServer.MAX_ROWS + " rows a request");
        }
        if (connections < 1 || connections > 256) {
            throw new IllegalArgumentException("connections = " + connections + ": give 1 to 256");
        }
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("rate = " + rate + ": give requests a second, or 0 for flat out");
        }
        if (maxRequests < 1 || maxRequests > 100_000_000) {
            throw new IllegalArgumentException("maxRequests = " + maxRequests + ": give 1 to 100,000,000 (a load run is bounded)");
        }
        if (maxDuration.isNegative() || maxDuration.isZero() || maxDuration.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("maxDuration = " + maxDuration + ": give a positive duration of at most an hour (a load run is bounded)");
        }
        if (swaps < 0) {
            throw new IllegalArgumentException("swaps = " + swaps + ": give 0 or more");
        }
    }

    /** Flat out from {@code connections} connections, no swaps, at most {@code maxRequests} requests or a minute. */
    public static LoadOptions flatOut(URI server, String method, int batch, int connections, long maxRequests) {
        return new LoadOptions(server, method, batch, connections, 0, maxRequests, Duration.ofMinutes(1), 0, Duration.ofSeconds(60));
    }

    public LoadOptions withSwaps(int k) {
        return new LoadOptions(server, method, batch, connections, rate, maxRequests, maxDuration, k, swapTimeout);
    }

    public LoadOptions withRate(double perSecond) {
        return new LoadOptions(server, method, batch, connections, perSecond, maxRequests, maxDuration, swaps, swapTimeout);
    }

    public LoadOptions withMaxDuration(Duration d) {
        return new LoadOptions(server, method, batch, connections, rate, maxRequests, d, swaps, swapTimeout);
    }
}
