package com.acme.invalidate;

import io.cacheweave.annotations.Cached;
import io.cacheweave.annotations.Invalidate;

public class AccountService {
    public record Request(String user, String reason) {
    }

    @Cached(operation = "account", key = "{userId}")
    public String account(String userId) {
        return userId;
    }

    @Cached(operation = "ledger")
    public String ledger(String user, int year) {
        return user + year;
    }

    @Invalidate(operation = "account", key = "{userId}")
    public void update(String userId) {
    }

    @Invalidate(operation = "ledger", key = "{request.user}:{year}", beforeInvocation = true)
    @Invalidate(operation = "account")
    @Invalidate(pattern = "ledger:{request.user}:*", beforeInvocation = true)
    public void rewrite(Request request, int year) {
    }

    @Invalidate(operation = "account", beforeInvocation = true)
    public void reset() {
    }
}
