package dev.plugbench.host;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.pf4j.CompoundPluginDescriptorFinder;
import org.pf4j.CompoundPluginLoader;
import org.pf4j.DefaultPluginLoader;
import org.pf4j.DefaultPluginManager;
import org.pf4j.DevelopmentPluginLoader;
import org.pf4j.ExtensionFactory;
import org.pf4j.JarPluginLoader;
import org.pf4j.ManifestPluginDescriptorFinder;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginDescriptorFinder;
import org.pf4j.PluginLoader;
import org.pf4j.PluginStatusProvider;
import org.pf4j.PropertiesPluginDescriptorFinder;
import org.pf4j.util.FileUtils;

/**
 * PF4J's plugin manager with the host's parts: {@link HostPluginClassLoader} for every kind of
 * plugin (jar, expanded zip, development project), the Guice extension factory, and no
 * {@code disabled.txt} status file. The host loads plugins one path at a time (never
 * {@code loadPlugins()}), so that each failure is reported against its own file. Not thread-safe:
 * {@link PluginRuntime} serialises every call.
 */
final class HostPluginManager extends DefaultPluginManager {
    private GuiceExtensionFactory guiceFactory;

    HostPluginManager(Path root, String apiVersion) {
        super(List.of(root));
        setSystemVersion(apiVersion);
    }

    GuiceExtensionFactory guiceFactory() {
        return guiceFactory;
    }

    /** Reads a plugin's descriptor without loading it. */
    PluginDescriptor describe(Path pluginPath) {
        return getPluginDescriptorFinder().find(pluginPath);
    }

    /** Whether this host's API version satisfies a plugin's {@code requires} expression. */
    boolean satisfies(String requires) {
        return satisfies(getSystemVersion(), requires);
    }

    /** Whether {@code apiVersion} satisfies {@code requires} ("*" or empty: any; a bare version: at least it). */
    static boolean satisfies(String apiVersion, String requires) {
        String expr = requires == null ? "" : requires.trim();
        if (expr.isEmpty() || expr.equals("*")) {
            return true;
        }
        if (expr.matches("^\\d+\\.\\d+\\.\\d+$")) {
            expr = ">=" + expr;
        }
        return new org.pf4j.DefaultVersionManager().checkVersionConstraint(apiVersion, expr);
    }

    /**
     * PF4J's finders (plugin.properties, then the manifest), except that a development folder's
     * descriptor is read from {@code target/classes/plugin.properties} when the build wrote one: the
     * plugin profile filters it from the module's own (so {@code plugin.version=${project.version}}
     * keeps the version in the POM alone), and the unfiltered file at the folder's root would carry
     * the literal {@code ${project.version}}.
     */
    @Override
    protected PluginDescriptorFinder createPluginDescriptorFinder() {
        return new CompoundPluginDescriptorFinder()
                .add(new PropertiesPluginDescriptorFinder() {
                    @Override
                    protected Path getPropertiesPath(Path pluginPath, String propertiesFileName) {
                        if (Files.isDirectory(pluginPath)) {
                            Path built = pluginPath.resolve("target").resolve("classes").resolve(propertiesFileName);
                            if (Files.isRegularFile(built)) {
                                return built;
                            }
                        }
                        return super.getPropertiesPath(pluginPath, propertiesFileName);
                    }
                })
                .add(new ManifestPluginDescriptorFinder());
    }

    @Override
    protected ExtensionFactory createExtensionFactory() {
        guiceFactory = new GuiceExtensionFactory(this);
        return guiceFactory;
    }

    @Override
    protected PluginStatusProvider createPluginStatusProvider() {
        return new PluginStatusProvider() {
            @Override
            public boolean isPluginDisabled(String pluginId) {
                return false;
            }

            @Override
            public void disablePlugin(String pluginId) {
                throw new UnsupportedOperationException("the Plugbench host does not persist disabled plugins; unload it instead");
            }

            @Override
            public void enablePlugin(String pluginId) {
                // every plugin is enabled
            }
        };
    }

    @Override
    protected PluginLoader createPluginLoader() {
        ClassLoader parent = HostPluginManager.class.getClassLoader();
        return new CompoundPluginLoader()
                .add(new JarPluginLoader(this) {
                    @Override
                    public ClassLoader loadPlugin(Path pluginPath, PluginDescriptor descriptor) {
                        PluginClassLoader loader = new HostPluginClassLoader(pluginManager, descriptor, parent);
                        loader.addFile(pluginPath.toFile());
                        return loader;
                    }
                })
                .add(new DevelopmentPluginLoader(this) {
                    @Override
                    public boolean isApplicable(Path pluginPath) {
                        return Files.isDirectory(pluginPath.resolve("target/classes"));
                    }

                    @Override
                    protected PluginClassLoader createPluginClassLoader(Path pluginPath, PluginDescriptor descriptor) {
                        return new HostPluginClassLoader(pluginManager, descriptor, parent);
                    }
                })
                .add(new DefaultPluginLoader(this) {
                    @Override
                    public boolean isApplicable(Path pluginPath) {
                        return Files.isDirectory(pluginPath);
                    }

                    @Override
                    protected PluginClassLoader createPluginClassLoader(Path pluginPath, PluginDescriptor descriptor) {
                        return new HostPluginClassLoader(pluginManager, descriptor, parent);
                    }
                });
    }

    /** Loads exactly this path: zips were already expanded by the host into a private folder. */
    @Override
    protected org.pf4j.PluginWrapper loadPluginFromPath(Path pluginPath) {
        if (FileUtils.isZipFile(pluginPath)) {
            throw new IllegalStateException("zip plugins must be expanded by the host before loading: " + pluginPath);
        }
        return super.loadPluginFromPath(pluginPath);
    }
}
