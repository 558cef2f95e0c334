package dev.plugbench.host;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every registered method, from every source, keyed by family and id. Each key has a slot whose
 * current binding changes atomically on reload, so that the handles given out stay valid. Writes
 * are serialised; reads (the calls) take no lock.
 */
final class MethodRegistry {
    /** The binding of one (family, id); {@code current} is null while nothing provides it. */
    static final class Slot {
        private final String key;
        private final Class<?> extensionPoint;
        private volatile MethodBinding current;
        private final Object handle;

        Slot(String key, Class<?> extensionPoint, MethodRegistry registry) {
            this.key = key;
            this.extensionPoint = extensionPoint;
            String family = key.substring(0, key.indexOf('/'));
            this.handle = SwappableMethod.proxy(extensionPoint, this, () -> registry.ids(family));
        }

        String key() {
            return key;
        }

        MethodBinding current() {
            return current;
        }
    }

    private final Map<String, Slot> slots = new ConcurrentHashMap<>();

    /**
     * Registers bindings of one source. A binding whose key another source already provides is
     * refused, and reported naming both sources.
     */
    synchronized List<Problem> register(List<MethodBinding> bindings) {
        return install(null, bindings);
    }

    /**
     * Replaces every binding of {@code pluginId} with {@code bindings} in one step: keys in both
     * switch from old to new without a gap, keys only in the old version disappear.
     */
    synchronized List<Problem> replacePlugin(String pluginId, List<MethodBinding> bindings) {
        return install(pluginId, bindings);
    }

    /** Removes every binding of {@code pluginId}. */
    synchronized void removePlugin(String pluginId) {
        install(pluginId, List.of());
    }

    /**
     * Keys two or more sources provide: no source is used for them (never decided by load order)
     * until all but one are gone; by key, then by owner (plugin id or class name).
     */
    private final Map<String, Map<String, MethodBinding>> contested = new HashMap<>();

    private List<Problem> install(String replacedPlugin, List<MethodBinding> bindings) {
        List<Problem> refused = new ArrayList<>();
        Map<String, MethodBinding> installed = new HashMap<>();
        for (MethodBinding b : bindings) {
            Slot slot = slots.computeIfAbsent(b.key(), k -> new Slot(k, b.extensionPoint(), this));
            MethodBinding sameBatch = installed.get(b.key());
            if (sameBatch != null) {
                refused.add(new Problem(owner(b), Problem.Kind.DUPLICATE_METHOD,
                        "method '" + b.key() + "' from " + b.origin() + " is refused: " + sameBatch.origin() + " already provides it",
                        "give one of the two methods another id", Instant.now()));
                continue;
            }
            if (slot.extensionPoint != b.extensionPoint()) {
                refused.add(new Problem(b.pluginId(), Problem.Kind.BROKEN_EXTENSION,
                        "method '" + b.key() + "' implements " + b.extensionPoint().getSimpleName() + " but the id belongs to "
                                + slot.extensionPoint.getSimpleName(),
                        "use the FAMILY constant of the extension point the class implements", Instant.now()));
                continue;
            }
            Map<String, MethodBinding> contenders = contested.get(b.key());
            if (contenders != null) {
                contenders.put(owner(b), b); // a new version of a contender: the key stays unused
                installed.put(b.key(), b);
                continue;
            }
            MethodBinding existing = slot.current;
            boolean replaceable = existing == null
                    || (replacedPlugin != null && existing.source() == Source.PF4J && existing.pluginId().equals(replacedPlugin));
            if (!replaceable) {
                Map<String, MethodBinding> both = new LinkedHashMap<>();
                both.put(owner(existing), existing);
                both.put(owner(b), b);
                contested.put(b.key(), both);
                slot.current = null;
                refused.add(new Problem(owner(b), Problem.Kind.DUPLICATE_METHOD,
                        "method '" + b.key() + "' is provided by both " + existing.origin() + " and " + b.origin()
                                + ": neither is used (which one serves is never decided by load order)",
                        "give one of the two methods another id, or remove one of the two sources", Instant.now()));
                installed.put(b.key(), b);
                continue;
            }
            slot.current = b;
            installed.put(b.key(), b);
        }
        if (replacedPlugin != null) {
            for (Slot slot : slots.values()) {
                MethodBinding c = slot.current;
                if (c != null && c.source() == Source.PF4J && c.pluginId().equals(replacedPlugin) && !installed.containsKey(slot.key)) {
                    slot.current = null;
                }
            }
            for (var it = contested.entrySet().iterator(); it.hasNext(); ) {
                var e = it.next();
                if (!installed.containsKey(e.getKey())) {
                    e.getValue().remove(replacedPlugin);
                }
                if (e.getValue().size() == 1) {
                    slots.get(e.getKey()).current = e.getValue().values().iterator().next(); // the last contender serves again
                    it.remove();
                }
            }
        }
        return refused;
    }

    /** Who provides a binding: the plugin id, or the class name of a class-path method. */
    private static String owner(MethodBinding b) {
        return b.pluginId();
    }

    /** The handle of a method, valid across swaps. */
    <T> T handle(Class<T> extensionPoint, String id) {
        String family = Families.family(extensionPoint);
        Slot slot = slots.get(MethodBinding.key(family, Objects.requireNonNull(id, "id is null")));
        if (slot == null || slot.current == null) {
            throw new MethodNotFoundException(family, id, ids(family));
        }
        return extensionPoint.cast(slot.handle);
    }

    /** All methods currently bound for an extension point, sorted by id. */
    <T> List<RegisteredMethod<T>> methods(Class<T> extensionPoint) {
        String family = Families.family(extensionPoint);
        List<RegisteredMethod<T>> out = new ArrayList<>();
        for (Slot slot : slots.values()) {
            MethodBinding b = slot.current;
            if (b != null && b.info().family().equals(family)) {
                out.add(new RegisteredMethod<>(b.info(), b.source(), b.pluginId(), b.pluginVersion(), extensionPoint.cast(slot.handle)));
            }
        }
        out.sort(Comparator.comparing(RegisteredMethod::id));
        return out;
    }

    /** Current bindings of one plugin (for listings and the hot-swap drill). */
    List<MethodBinding> bindingsOf(String pluginId) {
        return slots.values().stream().map(Slot::current)
                .filter(b -> b != null && b.source() == Source.PF4J && b.pluginId().equals(pluginId))
                .sorted(Comparator.comparing(MethodBinding::key)).toList();
    }

    List<String> ids(String family) {
        return slots.values().stream().map(Slot::current).filter(Objects::nonNull)
                .filter(b -> b.info().family().equals(family)).map(b -> b.info().id()).sorted().toList();
    }
}
