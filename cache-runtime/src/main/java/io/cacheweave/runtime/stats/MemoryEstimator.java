package io.cacheweave.runtime.stats;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Estimates the heap bytes a memory tier holds, without an agent's {@code getObjectSize}: the mean size of up to
 * {@value #SAMPLE} of its entries, times the number of entries, plus a fixed {@value #ENTRY_OVERHEAD} bytes per
 * entry for the cache's own structures (Caffeine's node with its expiry and size-bound links, the hash table slot;
 * the value wrapper is part of the walked value). One entry's size is a walk of its key and value object graphs (at most
 * {@value #MAX_OBJECTS} objects, each counted once) assuming a 64-bit JVM with compressed references: 12-byte
 * headers, 4-byte references, 8-byte alignment; strings of Latin-1 characters take one byte per character, others
 * two; objects of JDK classes other than strings, boxes, arrays, collections, maps and {@code Optional} count their
 * shallow size only. An estimate: usually within tens of percent for records, strings and collections of them.
 */
public final class MemoryEstimator {
    static final int SAMPLE = 32;
    static final int ENTRY_OVERHEAD = 96;
    static final int MAX_OBJECTS = 2000;

    private MemoryEstimator() {
    }

    /**
     * @param entries the memory tier's entries (iterated for the first {@value #SAMPLE} only)
     * @param size the number of entries
     * @return estimated bytes
     */
    public static long estimate(Map<?, ?> entries, long size) {
        if (size <= 0) {
            return 0;
        }
        long sampled = 0;
        int n = 0;
        try {
            Iterator<? extends Map.Entry<?, ?>> it = entries.entrySet().iterator();
            while (n < SAMPLE && it.hasNext()) {
                Map.Entry<?, ?> e = it.next();
                sampled += deepSize(e.getKey(), e.getValue());
                n++;
            }
        } catch (RuntimeException e) { // entries changing under the walk: estimate from what was seen
            if (n == 0) {
                return size * ENTRY_OVERHEAD;
            }
        }
        return n == 0 ? size * ENTRY_OVERHEAD : size * (ENTRY_OVERHEAD + sampled / n);
    }

    /**
     * How full a Caffeine memory tier is: its entries and {@linkplain #estimate estimated bytes} against its bounds.
     * A size bound ({@code maximumSize}) is the entry bound. A weight bound ({@code maximumWeight}) is the tier's
     * byte bound (its weigher weighs in bytes, see the runtime's memory bound), and {@code maxEntries} its entry
     * bound; the bytes held are the sampled estimate either way (the weights also count the bound's per-entry floor).
     *
     * @param tier the memory tier
     * @param maxEntries the tier's entry bound, for a tier bounded by weight
     * @param live whether a value held is live (not past a deadline of its own)
     * @return its fill now
     */
    public static <V> MonitorSnapshot.MemoryFill fill(com.github.benmanes.caffeine.cache.Cache<?, V> tier,
            long maxEntries, java.util.function.Predicate<? super V> live) {
        long entries = tier.estimatedSize();
        Optional<? extends com.github.benmanes.caffeine.cache.Policy.Eviction<?, ?>> bound = tier.policy().eviction();
        boolean weighted = bound.isPresent() && bound.get().isWeighted();
        long entryBound = bound.isPresent() && !weighted ? bound.get().getMaximum() : maxEntries;
        Long maxBytes = weighted ? bound.get().getMaximum() : null;
        long liveCount = 0;
        try {
            for (V value : tier.asMap().values()) { // Caffeine's views skip what its own expiry dropped
                if (live.test(value)) {
                    liveCount++;
                }
            }
        } catch (RuntimeException e) { // changing under the walk: no count of expired entries this time
            liveCount = entries;
        }
        return new MonitorSnapshot.MemoryFill(entries, entryBound, estimate(tier.asMap(), entries), maxBytes,
                Math.max(0, entries - liveCount));
    }

    /**
     * The weight of one memory-tier entry when it is written (see the runtime's memory bound): the cache's own
     * structures plus the key's and the value's object graphs.
     *
     * @param key the entry's key
     * @param value the entry's value (its wrapper)
     * @return estimated bytes
     */
    public static long entryBytes(Object key, Object value) {
        return ENTRY_OVERHEAD + deepSize(key, value);
    }

    /**
     * @return the estimated bytes of the object graph reachable from the roots, each object counted once; a graph of
     *     more than {@value #MAX_OBJECTS} objects is extrapolated from the objects walked, by the objects still to walk
     */
    public static long deepSize(Object... roots) {
        Map<Object, Boolean> seen = new IdentityHashMap<>();
        Deque<Object> todo = new ArrayDeque<>();
        for (Object root : roots) {
            if (root != null) {
                todo.push(root);
            }
        }
        long total = 0;
        while (!todo.isEmpty() && seen.size() < MAX_OBJECTS) {
            Object o = todo.pop();
            if (o == null || seen.put(o, Boolean.TRUE) != null) {
                continue;
            }
            total += shallow(o, todo);
        }
        if (!todo.isEmpty() && !seen.isEmpty()) { // stopped at MAX_OBJECTS: the rest are assumed alike on average
            total += total / seen.size() * todo.size();
        }
        return total;
    }

    private static long shallow(Object o, Deque<Object> todo) {
        Class<?> c = o.getClass();
        if (o instanceof String s) {
            return align(24) + align(16 + (latin1(s) ? s.length() : 2L * s.length()));
        }
        if (c.isArray()) {
            int length = Array.getLength(o);
            Class<?> component = c.getComponentType();
            if (!component.isPrimitive()) {
                for (int i = 0; i < length; i++) {
                    Object x = Array.get(o, i);
                    if (x != null) {
                        todo.push(x);
                    }
                }
            }
            return align(16 + (long) length * width(component));
        }
        if (o instanceof Collection<?> col) {
            for (Object x : col) {
                if (x != null) {
                    todo.push(x);
                }
            }
            return align(32) + (long) col.size() * 24; // the collection, plus a node or slot per element
        }
        if (o instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if (k != null) {
                    todo.push(k);
                }
                if (v != null) {
                    todo.push(v);
                }
            });
            return align(48) + (long) map.size() * 36;
        }
        if (o instanceof Optional<?> opt) {
            opt.ifPresent(todo::push);
            return 16;
        }
        Layout layout = LAYOUTS.get(c);
        for (Field f : layout.references) {
            try {
                Object v = f.get(o);
                if (v != null) {
                    todo.push(v);
                }
            } catch (IllegalAccessException e) {
                // counted shallow
            }
        }
        return layout.shallowBytes;
    }

    /**
     * Per class, worked out once (memory tiers are weighed on every write): its shallow size and the reference
     * fields that are walked. A {@link ClassValue} keeps it on the class itself, so it never keeps a class loader.
     */
    private static final ClassValue<Layout> LAYOUTS = new ClassValue<>() {
        @Override
        protected Layout computeValue(Class<?> c) {
            boolean jdk = c.getName().startsWith("java.") || c.getName().startsWith("javax.");
            long bytes = 12;
            java.util.List<Field> references = new java.util.ArrayList<>();
            for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
                for (Field f : k.getDeclaredFields()) {
                    if (Modifier.isStatic(f.getModifiers())) {
                        continue;
                    }
                    bytes += width(f.getType());
                    if (!jdk && !f.getType().isPrimitive() && f.trySetAccessible()) {
                        references.add(f);
                    }
                }
            }
            return new Layout(align(bytes), references.toArray(new Field[0]));
        }
    };

    private record Layout(long shallowBytes, Field[] references) {
    }

    private static boolean latin1(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0xFF) {
                return false;
            }
        }
        return true;
    }

    private static int width(Class<?> t) {
        if (t == long.class || t == double.class) {
            return 8;
        }
        if (t == int.class || t == float.class) {
            return 4;
        }
        if (t == short.class || t == char.class) {
            return 2;
        }
        if (t == byte.class || t == boolean.class) {
            return 1;
        }
        return 4;
    }

    private static long align(long bytes) {
        return (bytes + 7) & ~7L;
    }
}
