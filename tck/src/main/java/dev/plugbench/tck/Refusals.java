package dev.plugbench.tck;

import static org.assertj.core.api.Assertions.fail;

/** What "refused with a clear error" means to the kit. */
final class Refusals {
    private Refusals() {
    }

    /**
     * {@code call} must throw an IllegalArgumentException or IllegalStateException whose message
     * says something (at least a few words): not a NullPointerException, an index error or a
     * library's internal exception, and not silently return.
     */
    static void refusedClearly(String property, Runnable call) {
        try {
            call.run();
        } catch (IllegalArgumentException | IllegalStateException e) {
            String m = e.getMessage();
            if (m == null || m.trim().split("\\s+").length < 3) {
                fail(property + ": refused, but the message '" + m + "' does not say what was wrong and how to fix it");
            }
            return;
        } catch (RuntimeException e) {
            fail(property + ": failed with " + e.getClass().getName() + " (" + e.getMessage()
                    + ") instead of an IllegalArgumentException that names the problem");
        }
        fail(property + ": the bad input was accepted; the method must refuse it with an IllegalArgumentException");
    }
}
