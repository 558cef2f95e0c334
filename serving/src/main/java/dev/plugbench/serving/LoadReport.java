package dev.plugbench.serving;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a load run measured. Latencies are from when a request was due (fixed rate) or sent (flat
 * out) to its last byte. The served figures are computed on the answers of the first full pass over
 * the test split, the way the harness scores the cell, so they equal the cell's when the served rule
 * is the cell's; later passes are checked against the first ({@code disagreements}).
 *
 * @param requests             requests sent
 * @param errors               requests that failed (status other than 200, or no answer), by reason
 * @param decisions            rows decided in the 200 answers
 * @param seconds              wall time of the run
 * @param p50Ms                median latency
 * @param p99Ms                99th percentile
 * @param p999Ms               99.9th percentile
 * @param maxMs                slowest answer
 * @param swapsAsked           replacements asked for
 * @param swapsDone            replacements the server served within the swap timeout
 * @param swapMsMedian         median time from the file written to its version answering
 * @param swapMsMax            slowest swap
 * @param versions             the versions that answered, in the order first seen
 * @param mixed                answers whose body names another version than their header (0 when each batch came from one version)
 * @param servedAccuracy       system accuracy on the first full pass over the test split (NaN when the run was shorter)
 * @param servedOffloadRate    the fraction offloaded on that pass
 * @param servedRisk           the generalized 0-1 risk on that pass at the served costs
 * @param disagreements        rows answered otherwise in a later pass than in the first
 * @param expected             the stored cell's metrics the server reported (empty when its rule was fitted fresh)
 * @param serverRssMbBefore    the server's resident memory before the run, MB
 * @param serverRssMbAfter     and after
 */
public record LoadReport(long requests, Map<String, Long> errors, long decisions, double seconds, double p50Ms, double p99Ms, double p999Ms,
                         double maxMs, int swapsAsked, int swapsDone, double swapMsMedian, double swapMsMax, List<String> versions, long mixed,
                         double servedAccuracy, double servedOffloadRate, double servedRisk, long disagreements, Map<String, Double> expected,
                         double serverRssMbBefore, double serverRssMbAfter) {

    public long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    public double requestsPerSecond() {
        return requests / seconds;
    }

    public double decisionsPerSecond() {
        return decisions / seconds;
    }

    /** Whether the served pass reproduces the stored cell's system accuracy and reject rate exactly (false when there is no cell). */
    public boolean matchesCell() {
        Double acc = expected.get("system_accuracy");
        Double rate = expected.get("reject_rate");
        return acc != null && rate != null && acc == servedAccuracy && rate == servedOffloadRate;
    }

    /** The report as lines for a console. */
    public String format() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "requests     %,d in %.1f s: %,.0f requests/s, %,.0f decisions/s%n", requests, seconds, requestsPerSecond(),
                decisionsPerSecond()));
        s.append(String.format(Locale.ROOT, "latency      p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms%n", p50Ms, p99Ms, p999Ms, maxMs));
        s.append(String.format(Locale.ROOT, "errors       %d%s%n", errorCount(), errors.isEmpty() ? "" : " " + errors));
        s.append(String.format(Locale.ROOT, "swaps        %d of %d (median %.0f ms, max %.0f ms from file to served); versions %s; mixed batches %d%n",
                swapsDone, swapsAsked, swapMsMedian, swapMsMax, versions.size() <= 4 ? versions : versions.get(0) + " ... " + versions.get(versions.size() - 1)
                        + " (" + versions.size() + ")", mixed));
        s.append(String.format(Locale.ROOT, "served       system accuracy %.6f, offload rate %.6f, risk %.6f (first pass over the test split); "
                + "%d rows answered otherwise later%n", servedAccuracy, servedOffloadRate, servedRisk, disagreements));
        if (expected.containsKey("system_accuracy")) {
            s.append(String.format(Locale.ROOT, "cell         system accuracy %.6f, reject rate %.6f, risk %.6f: %s%n", expected.get("system_accuracy"),
                    expected.get("reject_rate"), expected.getOrDefault("risk", Double.NaN), matchesCell() ? "equal" : "DIFFERENT"));
        }
        s.append(String.format(Locale.ROOT, "server RSS   %.0f MB before, %.0f MB after%n", serverRssMbBefore, serverRssMbAfter));
        return s.toString();
    }
}
