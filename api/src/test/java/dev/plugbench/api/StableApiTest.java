package dev.plugbench.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The compatibility promise of {@link ApiStatus.Status#STABLE} types, checked like a binary
 * compatibility validator: {@code src/test/resources/stable-api.txt} is the released signature list
 * (every public or protected member of every STABLE type, with erased types). Removing or changing a
 * line breaks plugins built against the release and fails this test; an addition fails it too until
 * the file is updated on purpose ({@code mvn test -Dplugbench.updateStableApi=true} rewrites it).
 */
class StableApiTest {
    private static final Path RECORDED = Path.of("src/test/resources/stable-api.txt");

    /** The signatures of every STABLE type in the contract's classes folder. */
    static TreeSet<String> signatures() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(ApiVersion.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> types = new ArrayList<>();
        List<String> names;
        if (Files.isDirectory(root)) {
            try (Stream<Path> files = Files.walk(root)) {
                names = files.map(root::relativize).map(Path::toString).filter(n -> n.endsWith(".class")).toList();
            }
        } else {
            try (java.util.jar.JarFile jar = new java.util.jar.JarFile(root.toFile())) {
                names = jar.stream().map(java.util.jar.JarEntry::getName).filter(n -> n.endsWith(".class")).toList();
            }
        }
        for (String n : names) {
            Class<?> c = Class.forName(n.substring(0, n.length() - 6).replace('/', '.').replace('\\', '.'), false,
                    StableApiTest.class.getClassLoader());
            ApiStatus s = c.getAnnotation(ApiStatus.class);
            boolean stable = s != null ? s.value() == ApiStatus.Status.STABLE
                    : c.getEnclosingClass() != null && c.getEnclosingClass().getAnnotation(ApiStatus.class) != null
                    && c.getEnclosingClass().getAnnotation(ApiStatus.class).value() == ApiStatus.Status.STABLE;
            if (stable && Modifier.isPublic(c.getModifiers())) {
                types.add(c);
            }
        }
        TreeSet<String> out = new TreeSet<>();
        for (Class<?> c : types) {
            String t = c.getName();
            out.add(t + " " + kind(c) + (c.getSuperclass() != null && c.getSuperclass() != Object.class ? " extends " + c.getSuperclass().getName() : "")
                    + (c.getInterfaces().length > 0 ? " implements " + Arrays.stream(c.getInterfaces()).map(Class::getName).sorted()
                    .collect(Collectors.joining(",")) : ""));
            for (Constructor<?> k : c.getDeclaredConstructors()) {
                if (visible(k.getModifiers())) {
                    out.add(t + " <init>(" + types(k.getParameterTypes()) + ")");
                }
            }
            for (Method m : c.getDeclaredMethods()) {
                if (visible(m.getModifiers()) && !m.isSynthetic()) {
                    out.add(t + " " + (Modifier.isStatic(m.getModifiers()) ? "static " : "") + m.getName() + "(" + types(m.getParameterTypes()) + ")"
                            + m.getReturnType().getName());
                }
            }
            for (Field f : c.getDeclaredFields()) {
                if (visible(f.getModifiers()) && !f.isSynthetic()) {
                    out.add(t + " field " + (Modifier.isStatic(f.getModifiers()) ? "static " : "") + f.getName() + ":" + f.getType().getName());
                }
            }
        }
        return out;
    }

    private static String kind(Class<?> c) {
        return c.isAnnotation() ? "@interface" : c.isInterface() ? "interface" : c.isEnum() ? "enum" : c.isRecord() ? "record"
                : Modifier.isFinal(c.getModifiers()) ? "final class" : "class";
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static String types(Class<?>[] params) {
        return Arrays.stream(params).map(Class::getName).collect(Collectors.joining(","));
    }

    @Test
    void stableTypesKeepEverySignatureOfTheRelease() throws Exception {
        TreeSet<String> now = signatures();
        if (Boolean.getBoolean("plugbench.updateStableApi")) {
            Files.write(RECORDED, now);
        }
        TreeSet<String> released = new TreeSet<>(Files.readAllLines(RECORDED));
        TreeSet<String> removed = new TreeSet<>(released);
        removed.removeAll(now);
        TreeSet<String> added = new TreeSet<>(now);
        added.removeAll(released);
        assertThat(removed).as("STABLE signatures removed or changed since the release: plugins built against it break. Restore them, "
                + "or make the change in a new major version").isEmpty();
        assertThat(added).as("new STABLE signatures: if intended, record them with mvn test -Dplugbench.updateStableApi=true").isEmpty();
        assertThat(released).as("the recorded list").isNotEmpty();
    }
}
