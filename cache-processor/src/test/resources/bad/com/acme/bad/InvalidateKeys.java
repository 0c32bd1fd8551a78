package com.acme.bad;

import io.cacheweave.annotations.Cached;
import io.cacheweave.annotations.Invalidate;

public class InvalidateKeys {
    @Cached(operation = "account", key = "{id}")
    public String account(String id) {
        return id;
    }

    @Invalidate(key = "{id}") // without operation
    public void withoutOperation(String id) {
    }

    @Invalidate(pattern = "account:*", key = "{id}") // with pattern
    public void withPattern(String id) {
    }

    @Invalidate(operation = "account", key = "{id}*") // wildcard
    public void wildcard(String id) {
    }

    @Invalidate(operation = "account", key = "{id") // malformed
    public void malformed(String id) {
    }

    @Invalidate(operation = "account", key = "{ident}") // unknown parameter
    public void unknownParameter(String id) {
    }
}
