package dev.plugbench.toolkit;

/** Child JVM of {@link NumericRuntimeTest}: configures the numeric runtime and prints what it records, one entry a line. */
final class BlasCoreProbe {
    private BlasCoreProbe() {
    }

    public static void main(String[] args) {
        NumericRuntime.threads().forEach((k, v) -> System.out.println(k + "=" + v));
    }
}
