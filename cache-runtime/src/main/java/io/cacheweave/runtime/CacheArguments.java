package io.cacheweave.runtime;

import io.cacheweave.runtime.key.KeyWriter;
import io.cacheweave.runtime.key.Renderer;
import java.lang.invoke.MethodType;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The argument rules of programmatic caches, checked before anything is stored, and their key rendering: a key
 * renders as one key part of a generated key builder would ({@link KeyWriter} canonical form), records and the
 * records inside collections and maps component by component, {@code (name=value,...)}.
 */
final class CacheArguments {
    private static final Pattern NAME_FORBIDDEN = Pattern.compile("[:*?\\[\\]\\\\\\s]");
    private static final Pattern GLOB_SPECIAL = Pattern.compile("[\\\\*?\\[\\]]");

    /** Renders records canonically, anything else as {@link KeyWriter#value(Object)} does. */
    private static final Renderer<Object> CANONICAL = CacheArguments::renderValue;

    private CacheArguments() {
    }

    /** @return {@code name}, when it follows the rules of operation names */
    static String requireName(String name) {
        if (name == null) {
            throw new IllegalArgumentException("name must not be null");
        }
        if (name.isEmpty() || NAME_FORBIDDEN.matcher(name).find()) {
            throw new IllegalArgumentException("name must be non-empty, without ':' '*' '?' '[' ']' '\\' or white "
                    + "space: \"" + name + "\"");
        }
        return name;
    }

    /** @return {@code ttl}, when positive */
    static Duration requireTtl(Duration ttl, String argument) {
        if (ttl == null) {
            throw new IllegalArgumentException(argument + " must not be null");
        }
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException(argument + " must be positive: " + ttl);
        }
        return ttl;
    }

    /** @return the key's rendering (the text after {@code <name>:} in its logical key) */
    static String render(Object key, int hashThreshold) {
        if (key == null) {
            throw new IllegalArgumentException("key must not be null");
        }
        if (key instanceof CharSequence s && s.isEmpty()) {
            throw new IllegalArgumentException("key must not be empty");
        }
        if (key instanceof String s && s.length() <= hashThreshold) {
            return escaped(s); // what KeyWriter.value(s) writes, without a writer (a hit renders every call)
        }
        KeyWriter out = KeyWriter.forKey(hashThreshold);
        renderValue(out, key);
        return out.toString();
    }

    /** @return the text with {@code \ : * ? [ ] ( ) , =} escaped by {@code \}; the text itself when none occurs */
    static String escaped(String text) {
        int n = text.length();
        int first = 0;
        while (first < n && !isKeySpecial(text.charAt(first))) {
            first++;
        }
        if (first == n) {
            return text;
        }
        StringBuilder out = new StringBuilder(n + 8).append(text, 0, first);
        for (int i = first; i < n; i++) {
            char c = text.charAt(i);
            if (isKeySpecial(c)) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /**
     * @return the rendered key as written: each {@code \} before one of {@code \ : * ? [ ] ( ) , =} removed; the
     *     markers {@code \0} (null) and {@code \#} (a hashed long text) are kept, since no text stands for them
     */
    static String unescaped(String rendered) {
        int first = rendered.indexOf('\\');
        if (first < 0) {
            return rendered;
        }
        StringBuilder out = new StringBuilder(rendered.length()).append(rendered, 0, first);
        for (int i = first; i < rendered.length(); i++) {
            char c = rendered.charAt(i);
            if (c == '\\' && i + 1 < rendered.length() && isKeySpecial(rendered.charAt(i + 1))) {
                c = rendered.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }

    private static boolean isKeySpecial(char c) {
        return switch (c) {
            case '\\', ':', '*', '?', '[', ']', '(', ')', ',', '=' -> true;
            default -> false;
        };
    }

    private static void renderValue(KeyWriter out, Object value) {
        if (value instanceof Record r) {
            out.beginObject();
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                out.name(c.getName());
                renderValue(out, component(r, c));
            }
            out.endObject();
        } else if (value instanceof Set<?> s) {
            out.set(s, CANONICAL);
        } else if (value instanceof Collection<?> c) {
            out.list(c, CANONICAL);
        } else if (value instanceof Map<?, ?> m) {
            out.map(m, CANONICAL, CANONICAL);
        } else if (value instanceof Object[] a) {
            out.list(java.util.Arrays.asList(a), CANONICAL);
        } else {
            out.value(value);
        }
    }

    private static Object component(Record r, RecordComponent c) {
        try {
            java.lang.reflect.Method accessor = c.getAccessor();
            accessor.setAccessible(true);
            return accessor.invoke(r);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalArgumentException("key must be readable: cannot read " + c.getName() + " of "
                    + r.getClass().getName() + " (" + e + ")", e);
        }
    }

    /** @return the value, when it is not {@code null} and is an instance of the cache's value type */
    static Object requireValue(Object value, Class<?> rawType, String argument) {
        if (value == null) {
            throw new IllegalArgumentException(argument + " must not be null");
        }
        if (!rawType.isInstance(value)) {
            throw new IllegalArgumentException(argument + " must be a " + rawType.getName() + ": "
                    + value.getClass().getName());
        }
        return value;
    }

    /** @return the class of a (generic) value type, primitives boxed; {@code Object} for type variables */
    static Class<?> rawType(Type type) {
        if (type instanceof Class<?> c) {
            return c.isPrimitive() ? MethodType.methodType(c).wrap().returnType() : c;
        } else if (type instanceof ParameterizedType p) {
            return rawType(p.getRawType());
        } else if (type instanceof GenericArrayType a) {
            return java.lang.reflect.Array.newInstance(rawType(a.getGenericComponentType()), 0).getClass();
        }
        return Object.class;
    }

    /** @return {@code text} with each glob character escaped, so it matches only itself */
    static String escapeGlob(String text) {
        return GLOB_SPECIAL.matcher(Objects.requireNonNull(text)).replaceAll("\\\\$0");
    }
}
