package io.cacheweave.spring;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cache.interceptor.SimpleKey;

/**
 * Turns the keys Spring's caching hands a cache into keys Cacheweave renders exactly. A method of one parameter is
 * keyed by the argument itself, which renders as it is; Spring's {@link SimpleKey} (no parameter, or several) would
 * render by its {@code toString()}, where {@code ("a,b", "c")} and {@code ("a", "b,c")} look alike, so it becomes the
 * list of its parameters, rendered element by element and escaped ({@code [a\,b,c]} and {@code [a,b\,c]}).
 */
final class SpringCacheKeys {
    private static final Logger LOG = LoggerFactory.getLogger(SpringCacheKeys.class);
    private static final Field PARAMS = paramsField();

    private SpringCacheKeys() {
    }

    /**
     * @param key a key from Spring's caching: a {@link SimpleKey} from the default key generator, or any other object
     * @return the key to render
     */
    static Object of(Object key) {
        if (key instanceof SimpleKey simple && PARAMS != null) {
            try {
                Object[] params = (Object[]) PARAMS.get(simple);
                return params.length == 0 ? List.of() : Arrays.asList(params);
            } catch (IllegalAccessException | RuntimeException e) {
                return key;
            }
        }
        return key;
    }

    private static Field paramsField() {
        try {
            Field f = SimpleKey.class.getDeclaredField("params");
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("cacheweave: cannot read the parameters of Spring's SimpleKey ({}); keys of methods with several "
                    + "parameters render by SimpleKey.toString(), where arguments that contain ',' can collide. "
                    + "Declare a key (@Cacheable(key = ...)) on such methods.", e.toString());
            return null;
        }
    }
}
