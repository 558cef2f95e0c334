package dev.plugbench.host;

import com.google.inject.Binder;
import com.google.inject.Binding;
import com.google.inject.ConfigurationException;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.ProvisionException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.pf4j.ExtensionFactory;
import org.pf4j.PluginManager;
import org.pf4j.PluginWrapper;

/**
 * Creates extensions with Guice. Each plugin generation gets its own standalone injector whose
 * only bindings are the host's services, exported from the root injector as providers; it is
 * dropped when the plugin unloads. Nothing of a plugin is ever cached in the root injector, which
 * is what keeps old plugin class loaders collectable (see sdk-docs/architecture.md).
 */
final class GuiceExtensionFactory implements ExtensionFactory {
    private final PluginManager manager;
    private final Map<String, Injector> pluginInjectors = new ConcurrentHashMap<>();
    private volatile Injector root;

    GuiceExtensionFactory(PluginManager manager) {
        this.manager = manager;
    }

    void setRoot(Injector root) {
        this.root = root;
    }

    /** Creates the injector of a plugin that is about to start. */
    void open(String pluginId) {
        pluginInjectors.put(pluginId, Guice.createInjector(exportsOf(root)));
    }

    /** Drops the injector of a plugin that was unloaded. */
    void forget(String pluginId) {
        pluginInjectors.remove(pluginId);
    }

    @Override
    public <T> T create(Class<T> extensionClass) {
        PluginWrapper plugin = manager.whichPlugin(extensionClass);
        Injector injector = plugin == null ? root : pluginInjectors.get(plugin.getPluginId());
        if (injector == null) {
            throw new IllegalStateException("no injector for plugin '" + plugin.getPluginId() + "': it is not started");
        }
        try {
            return injector.getInstance(extensionClass);
        } catch (ProvisionException | ConfigurationException | CreationException e) {
            throw new ExtensionCreationException(extensionClass.getName(), describe(e));
        }
    }

    /** The root cause of a Guice failure, without Guice's long listing. */
    private static String describe(RuntimeException e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        if (cause == e) {
            String m = e.getMessage();
            int cut = m == null ? -1 : m.indexOf("\n\nLearn more");
            return cut > 0 ? m.substring(0, cut).trim() : String.valueOf(m);
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    /** A module that binds every host service of {@code root} to root's provider. */
    static Module exportsOf(Injector root) {
        return binder -> {
            for (Map.Entry<Key<?>, Binding<?>> e : root.getBindings().entrySet()) {
                Key<?> key = e.getKey();
                if (!isGuiceBuiltIn(key)) {
                    export(binder, key, root);
                }
            }
        };
    }

    private static boolean isGuiceBuiltIn(Key<?> key) {
        Class<?> raw = key.getTypeLiteral().getRawType();
        return raw.getName().startsWith("com.google.inject.") || raw == java.util.logging.Logger.class;
    }

    private static <T> void export(Binder binder, Key<T> key, Injector root) {
        binder.bind(key).toProvider(root.getProvider(key));
    }

    /** An extension could not be created; the message holds the root cause. */
    static final class ExtensionCreationException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ExtensionCreationException(String className, String cause) {
            super("cannot create extension " + className + ": " + cause);
        }
    }
}
