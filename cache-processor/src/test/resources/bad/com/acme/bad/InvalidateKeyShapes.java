package com.acme.bad;

import io.cacheweave.annotations.Cached;
import io.cacheweave.annotations.Invalidate;

public class InvalidateKeyShapes {
    @Cached(operation = "statement", key = "{user}:{year}")
    public String statement(String user, int year) {
        return user + year;
    }

    @Cached(operation = "balance")
    public String balance(String user, String currency) {
        return user + currency;
    }

    @Invalidate(operation = "statement", key = "{user}") // one part of two
    public void tooShort(String user) {
    }

    @Invalidate(operation = "balance", key = "{user}:{currency}:x") // three parts of two
    public void tooLong(String user, String currency) {
    }

    @Invalidate(operation = "statement", key = "y-{user}:{year}") // same form
    public void sameForm(String user, int year) {
    }
}
