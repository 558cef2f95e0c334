package dev.plugbench.host;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The families the host knows: the {@link FamilyDescriptor}s on the host's class path, loaded once.
 * Two descriptors with the same family id or extension point are a build error, reported at start.
 */
final class Families {
    private static final List<FamilyDescriptor<?>> ALL = load(Families.class.getClassLoader());

    private Families() {
    }

    static List<FamilyDescriptor<?>> load(ClassLoader loader) {
        List<FamilyDescriptor<?>> found = new ArrayList<>();
        for (FamilyDescriptor<?> d : ServiceLoader.load(FamilyDescriptor.class, loader)) {
            for (FamilyDescriptor<?> other : found) {
                if (other.family().equals(d.family()) || other.extensionPoint() == d.extensionPoint()) {
                    throw new IllegalStateException("two family descriptors claim family '" + d.family() + "' or extension point "
                            + d.extensionPoint().getName() + ": " + other.getClass().getName() + " and " + d.getClass().getName()
                            + "; keep one of them on the class path");
                }
            }
            found.add(d);
        }
        found.sort(Comparator.comparing(FamilyDescriptor::family));
        return List.copyOf(found);
    }

    /** Every known family, by id. */
    static List<FamilyDescriptor<?>> all() {
        return ALL;
    }

    /** The extension points of every known family. */
    static List<Class<?>> extensionPoints() {
        return ALL.stream().<Class<?>>map(FamilyDescriptor::extensionPoint).toList();
    }

    /** The descriptor of an extension point. */
    @SuppressWarnings("unchecked")
    static <T> FamilyDescriptor<T> of(Class<T> extensionPoint) {
        for (FamilyDescriptor<?> d : ALL) {
            if (d.extensionPoint() == extensionPoint) {
                return (FamilyDescriptor<T>) d;
            }
        }
        throw new IllegalArgumentException(extensionPoint.getName() + " is not a Plugbench extension point; use one of "
                + names());
    }

    /** The extension point a class implements, if exactly one. */
    static Optional<Class<?>> implementedBy(Class<?> implementation) {
        List<Class<?>> matches = extensionPoints().stream().filter(ep -> ep.isAssignableFrom(implementation)).toList();
        return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
    }

    static String family(Class<?> extensionPoint) {
        return of(extensionPoint).family();
    }

    /** The extension points' simple names, for messages. */
    static List<String> names() {
        return extensionPoints().stream().map(Class::getSimpleName).toList();
    }

    /** Calls a method through its family's sample call. */
    @SuppressWarnings("unchecked")
    static void sampleCall(Class<?> extensionPoint, Object method) {
        ((FamilyDescriptor<Object>) of(extensionPoint)).sampleCall(method);
    }
}
