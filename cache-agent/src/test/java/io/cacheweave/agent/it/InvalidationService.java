package io.cacheweave.agent.it;

import io.cacheweave.annotations.Cached;
import io.cacheweave.annotations.Invalidate;
import java.util.concurrent.atomic.AtomicInteger;

/** Exact-key and before-invocation invalidations, woven by the agent in {@link InvalidationIT}. */
public class InvalidationService {
    public final AtomicInteger accountRuns = new AtomicInteger();
    public final AtomicInteger ledgerRuns = new AtomicInteger();

    @Cached(operation = "it-account", key = "{userId}")
    public String account(String userId) {
        return "account:" + userId + ":" + accountRuns.incrementAndGet();
    }

    @Cached(operation = "it-ledger")
    public String ledger(String userId) {
        return "ledger:" + userId + ":" + ledgerRuns.incrementAndGet();
    }

    @Invalidate(operation = "it-account", key = "{userId}")
    public void update(String userId) {
    }

    @Invalidate(operation = "it-account", key = "{userId}")
    public void failingUpdate(String userId) {
        throw new IllegalStateException("update failed");
    }

    /** Reads the account through the cache in its body, after the entry went on entry. */
    @Invalidate(operation = "it-account", key = "{userId}", beforeInvocation = true)
    public String rewrite(String userId) {
        return account(userId);
    }

    @Invalidate(operation = "it-account", key = "{userId}", beforeInvocation = true)
    @Invalidate(operation = "it-ledger")
    public void close(String userId, boolean fail) {
        if (fail) {
            throw new IllegalStateException("close failed");
        }
    }
}
