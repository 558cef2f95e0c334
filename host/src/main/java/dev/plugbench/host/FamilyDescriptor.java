package dev.plugbench.host;

/**
 * One family of methods, described once: its id, its extension point, and one small valid call of a
 * method with its default parameters (what the hot-swap drill runs, and the conformance kit after it).
 * The host core knows families only through these descriptors, found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.plugbench.host.FamilyDescriptor}) on the host's class path: a new family
 * is its extension point (in the contract, or any jar on the host's class path), a descriptor and
 * its tasks, with no change to the host core.
 *
 * @param <T> the extension point
 */
public interface FamilyDescriptor<T> {
    /** The family id: the extension point's {@code FAMILY} constant, and the methods' {@code info().family()}. */
    String family();

    /** The extension point interface, which extends {@link dev.plugbench.api.Method} and PF4J's {@code ExtensionPoint}. */
    Class<T> extensionPoint();

    /**
     * Calls {@code method} once on a small valid input with its default parameters and checks the shape
     * of the answer. Called from several threads at once: inputs are built once and never modified.
     *
     * @throws IllegalStateException naming the method and what was wrong with its answer
     */
    void sampleCall(T method);

    /** Throws the sample call's error when {@code ok} is false: "method 'id' what". */
    static void require(boolean ok, dev.plugbench.api.Method method, String what) {
        if (!ok) {
            throw new IllegalStateException("method '" + method.info().id() + "' " + what);
        }
    }
}
