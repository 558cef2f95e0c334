package dev.plugbench.host;

import java.util.List;
import org.pf4j.ClassLoadingStrategy;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginManager;

/**
 * A plugin's class loader: plugin-first, except for the packages the host shares with every plugin
 * (the API and toolkit, ND4J and its native bindings, Guice, jakarta.inject, SLF4J), which always
 * come from the host. So a plugin that bundles ND4J by mistake still gets the host's one copy,
 * and the API types a plugin sees are the host's own.
 *
 * <p>{@link #close()} does not close the jars: an old version may still be finishing calls (or
 * serving objects it returned) after a swap. The jars are released when the loader is collected
 * (the JDK's {@code ZipFile} cleaner), which happens once nothing of the old version is in use.
 */
final class HostPluginClassLoader extends PluginClassLoader {
    static final List<String> PARENT_FIRST = List.of(
            "dev.plugbench.api.", "dev.plugbench.toolkit.",
            "org.nd4j.", "org.bytedeco.",
            "com.google.inject.", "com.google.common.", "jakarta.inject.", "org.aopalliance.",
            "org.slf4j.");

    private final PluginDescriptor descriptor;

    HostPluginClassLoader(PluginManager manager, PluginDescriptor descriptor, ClassLoader parent) {
        super(manager, descriptor, parent, ClassLoadingStrategy.PDA);
        this.descriptor = descriptor;
        ExitGuard.register(this);
    }

    String pluginId() {
        return descriptor.getPluginId();
    }

    String pluginVersion() {
        return descriptor.getVersion();
    }

    /**
     * Whether this loader defined the class (read by the exit guard, which has only the class's name from a
     * stack frame). A class this loader only asked its parent for (java.lang.System) is found too, so the
     * defining loader is compared.
     */
    boolean hasLoaded(String className) {
        synchronized (getClassLoadingLock(className)) {
            Class<?> loaded = findLoadedClass(className);
            return loaded != null && loaded.getClassLoader() == this;
        }
    }

    @Override
    public Class<?> loadClass(String className) throws ClassNotFoundException {
        for (String prefix : PARENT_FIRST) {
            if (className.startsWith(prefix)) {
                return getParent().loadClass(className);
            }
        }
        return super.loadClass(className);
    }

    /** Does not close the jars: they close when the loader is collected (see the class comment). */
    @Override
    public void close() {
        // deliberately empty: an old generation may still be running calls or serving objects
    }
}
