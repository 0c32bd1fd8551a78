package com.acme.bad;

import io.cacheweave.annotations.Cached;
import io.cacheweave.annotations.Invalidate;

public abstract class MethodShapes {
    @Cached(operation = "make")
    public MethodShapes(String name) {
    }

    @Cached(operation = "ping")
    public void ping(String host) {
    }

    @Cached(operation = "load")
    public abstract String load(String id);

    @Cached(operation = "both")
    @Invalidate(operation = "ping")
    public String both(String id) {
        return id;
    }

    @Invalidate(operation = "ping") // reset
    public abstract void reset();

    public interface Lookup {
        @Cached(operation = "lookup")
        String lookup(String id);

        @Cached(operation = "lookupDefault")
        default String lookupDefault(String id) {
            return id;
        }
    }
}
