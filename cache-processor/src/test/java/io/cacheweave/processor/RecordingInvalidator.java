package io.cacheweave.processor;

import io.cacheweave.runtime.Invalidator;
import io.cacheweave.runtime.key.KeyWriter;
import io.cacheweave.runtime.woven.InvalidateFunction;
import io.cacheweave.runtime.woven.InvalidatingMethod;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

/** An {@link Invalidator} that records what a generated invalidation asks for, as text ("pattern x", "tag t", ...). */
class RecordingInvalidator implements Invalidator {
    final List<String> calls = new ArrayList<>();

    /** @return the generated function of an {@code @Invalidate} method (not exposed; the runtime reads it this way) */
    static InvalidateFunction function(InvalidatingMethod method) throws ReflectiveOperationException {
        Field f = InvalidatingMethod.class.getDeclaredField("function");
        f.setAccessible(true);
        return (InvalidateFunction) f.get(method);
    }

    /** @return what one call of {@code method} with {@code args} invalidates (keys as the patterns they default to) */
    static List<String> recorded(InvalidatingMethod method, boolean before, Object... args)
            throws ReflectiveOperationException {
        RecordingInvalidator recorder = new RecordingInvalidator();
        function(method).invalidate(args, recorder, before);
        return recorder.calls;
    }

    @Override
    public KeyWriter patternWriter() {
        return KeyWriter.forPattern(1000);
    }

    @Override
    public KeyWriter keyWriter() {
        return KeyWriter.forKey(1000);
    }

    @Override
    public void invalidatePattern(String pattern) {
        calls.add("pattern " + pattern);
    }

    @Override
    public void invalidateOperation(String operation) {
        calls.add("operation " + operation);
    }

    @Override
    public void invalidateTag(String tag) {
        calls.add("tag " + tag);
    }
}
