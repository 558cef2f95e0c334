package dev.plugbench.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Plugin jars built by tests from test classes: for methods that must run as PF4J plugins (misbehaving ones, mostly). */
public final class TestPluginJars {
    private TestPluginJars() {
    }

    /** A PF4J plugin jar holding the given test classes (their outer class, and nested base classes beside them), with an extension index naming them. */
    public static Path of(Path dir, String id, Class<?>... extensions) throws IOException {
        return of(dir, id, "", extensions);
    }

    /** As {@link #of(Path, String, Class[])}, with extra plugin.properties lines (e.g. {@code plugin.class=...}) and the classes they name. */
    public static Path of(Path dir, String id, String extraProperties, Class<?>... extensions) throws IOException {
        Path jar = dir.resolve(id + ".jar");
        try (java.util.jar.JarOutputStream out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new java.util.jar.JarEntry("plugin.properties"));
            out.write(("plugin.id=" + id + "\nplugin.version=1.0.0\nplugin.requires=>=0.1.0 & <1.0.0\n" + extraProperties)
                    .getBytes(StandardCharsets.UTF_8));
            out.putNextEntry(new java.util.jar.JarEntry("META-INF/extensions.idx"));
            StringBuilder index = new StringBuilder();
            java.util.Set<Class<?>> classes = new java.util.LinkedHashSet<>();
            for (Class<?> c : extensions) {
                index.append(c.getName()).append('\n');
                classes.add(c);
                for (Class<?> up = c.getSuperclass(); up != null && up.getEnclosingClass() != null && up.getEnclosingClass() == c.getEnclosingClass();
                        up = up.getSuperclass()) {
                    classes.add(up); // a nested base class beside it goes into the jar too
                }
                if (c.getEnclosingClass() != null) {
                    classes.add(c.getEnclosingClass());
                }
            }
            out.write(index.toString().getBytes(StandardCharsets.UTF_8));
            for (Class<?> c : classes) {
                String name = c.getName().replace('.', '/') + ".class";
                out.putNextEntry(new java.util.jar.JarEntry(name));
                try (java.io.InputStream in = TestPluginJars.class.getClassLoader().getResourceAsStream(name)) {
                    out.write(in.readAllBytes());
                }
            }
        }
        return jar;
    }
}
