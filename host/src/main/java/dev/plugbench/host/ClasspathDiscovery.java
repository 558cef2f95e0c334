package dev.plugbench.host;

import com.google.inject.Injector;
import dev.plugbench.api.ApiVersion;
import dev.plugbench.api.Method;
import dev.plugbench.api.MethodInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Finds extensions on the application classpath with {@link ServiceLoader} (a
 * {@code META-INF/services/<extension point>} file per point) and creates them with the root
 * injector, so an application can ship methods without PF4J packaging. They live as long as the host.
 */
final class ClasspathDiscovery {
    private ClasspathDiscovery() {
    }

    static List<MethodBinding> discover(ClassLoader loader, Injector root, Problems problems) {
        List<MethodBinding> found = new ArrayList<>();
        for (Class<?> point : Families.extensionPoints()) {
            discover(point, loader, root, problems, found);
        }
        return found;
    }

    private static void discover(Class<?> point, ClassLoader loader, Injector root, Problems problems, List<MethodBinding> out) {
        try {
            for (ServiceLoader.Provider<?> provider : ServiceLoader.load(point, loader).stream().toList()) {
                Class<?> type = provider.type();
                try {
                    Object instance = root.getInstance(type);
                    MethodInfo info = ((Method) instance).info();
                    String family = Families.family(point);
                    if (!family.equals(info.family())) {
                        throw new IllegalStateException("its info() says family '" + info.family() + "' but it implements " + point.getSimpleName());
                    }
                    out.add(new MethodBinding(point, info, instance, Source.CLASSPATH, type.getName(), ApiVersion.VERSION, loader));
                    ExitGuard.registerClasspathMethod(type, family + "/" + info.id());
                } catch (RuntimeException | LinkageError e) {
                    problems.add(new Problem(type.getName(), Problem.Kind.BROKEN_EXTENSION, "classpath extension failed: " + e.getMessage(),
                            "fix its constructor or info(); constructor parameters must be host services or bound by your Guice modules",
                            Instant.now()));
                }
            }
        } catch (ServiceConfigurationError e) {
            problems.add(new Problem("META-INF/services/" + point.getName(), Problem.Kind.MISSING_CLASS, e.getMessage(),
                    "list only existing public classes that implement " + point.getSimpleName() + " in that file", Instant.now()));
        }
    }
}
