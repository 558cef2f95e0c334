package dev.plugbench.host;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.function.Supplier;

/**
 * The handle applications hold for a method: a proxy that, on every call, takes the binding current
 * at that moment and runs the call under that binding's class loader. A call that started keeps
 * its binding to the end, so it finishes on the version it started on; the next call sees the new
 * version. Holds no reference to any plugin class, so it never keeps an old plugin alive.
 */
final class SwappableMethod implements InvocationHandler {
    private final MethodRegistry.Slot slot;
    private final Supplier<List<String>> available;

    SwappableMethod(MethodRegistry.Slot slot, Supplier<List<String>> available) {
        this.slot = slot;
        this.available = available;
    }

    static <T> T proxy(Class<T> extensionPoint, MethodRegistry.Slot slot, Supplier<List<String>> available) {
        Object p = java.lang.reflect.Proxy.newProxyInstance(extensionPoint.getClassLoader(), new Class<?>[] {extensionPoint},
                new SwappableMethod(slot, available));
        return extensionPoint.cast(p);
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "method " + slot.key();
            };
        }
        MethodBinding binding = slot.current();
        if (binding == null) {
            String[] parts = slot.key().split("/", 2);
            throw new MethodNotFoundException(parts[0], parts[1], available.get());
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(binding.loader());
        try {
            return method.invoke(binding.instance(), args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
