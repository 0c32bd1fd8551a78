package io.cacheweave.runtime.faces;

import io.cacheweave.runtime.key.KeyWriter;
import io.cacheweave.runtime.key.Renderer;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The canonical rendering of request options, so that options equal in meaning key one cache entry: maps sorted by
 * rendered key at every depth ({@code {a=1,b=2}} and {@code {b=2,a=1}} are one), sets sorted, lists and arrays in
 * order, and numbers by value whatever their type ({@code 1}, {@code 1L}, {@code 1.0}, {@code 1.0f} and
 * {@code new BigDecimal("1.00")} all render {@code 1}; {@code 0.1f} renders {@code 0.1}). Everything else renders
 * as in a generated key ({@link KeyWriter}): text escaped, enums by name, records and other objects by
 * {@code toString()}. As in keys, a number and its decimal text render alike ({@code 1} and {@code "1"}).
 */
public final class CanonicalOptions {

    private static final Renderer<Object> CANONICAL = CanonicalOptions::render;

    private CanonicalOptions() {
    }

    /**
     * @param options the options, possibly {@code null} (the same as none)
     * @param hashThreshold text values longer than this many characters are hashed, as in keys
     * @return the canonical text, {@code ()} for none
     */
    public static String render(Map<?, ?> options, int hashThreshold) {
        KeyWriter out = KeyWriter.forKey(hashThreshold);
        if (options == null) {
            return out.map(Map.of(), CANONICAL, CANONICAL).toString();
        }
        return out.map(options, CANONICAL, CANONICAL).toString();
    }

    private static void render(KeyWriter out, Object value) {
        if (value instanceof Number n) {
            out.raw(number(n));
        } else if (value instanceof Map<?, ?> m) {
            out.map(m, CANONICAL, CANONICAL);
        } else if (value instanceof Set<?> s) {
            out.set(s, CANONICAL);
        } else if (value instanceof Collection<?> c) {
            out.list(c, CANONICAL);
        } else if (value != null && value.getClass().isArray()) {
            int n = Array.getLength(value);
            List<Object> items = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                items.add(Array.get(value, i));
            }
            out.list(items, CANONICAL);
        } else if (value instanceof Optional<?> o) {
            render(out, o.orElse(null));
        } else {
            out.value(value);
        }
    }

    /**
     * @param n a number of any type
     * @return its value in the shortest decimal form: no trailing zeros, no exponent for magnitudes from 1e-20 to
     *     1e20, {@code NaN}/{@code Infinity}/{@code -Infinity} as such
     */
    static String number(Number n) {
        BigDecimal d;
        if (n instanceof BigDecimal b) {
            d = b;
        } else if (n instanceof BigInteger i) {
            d = new BigDecimal(i);
        } else if (n instanceof Double || n instanceof Float) {
            double x = n.doubleValue();
            if (Double.isNaN(x) || Double.isInfinite(x)) {
                return Double.toString(x);
            }
            // The shortest text of the value in its own type: 0.1f is 0.1, not 0.100000001490116...
            d = new BigDecimal(n instanceof Float f ? Float.toString(f) : Double.toString(x));
        } else if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
            d = BigDecimal.valueOf(n.longValue());
        } else { // AtomicLong, LongAdder, a user's Number: by its text if that is a decimal, else its double value
            try {
                d = new BigDecimal(n.toString());
            } catch (NumberFormatException e) {
                double x = n.doubleValue();
                if (!Double.isFinite(x)) {
                    return Double.toString(x);
                }
                d = BigDecimal.valueOf(x);
            }
        }
        d = d.stripTrailingZeros();
        if (d.signum() == 0) {
            return "0";
        }
        return d.scale() >= -20 && d.scale() <= 20 ? d.toPlainString() : d.toString();
    }
}
