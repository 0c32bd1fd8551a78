package io.cacheweave.agent.it.reload;

import io.cacheweave.annotations.Cached;
import io.cacheweave.annotations.Invalidate;

/**
 * Loaded afresh in a class loader of its own by {@code RedeployIT}, as an application server or a test runner does
 * on every redeploy; never loaded by the test's own class loader. Its values are of a class of the same loader.
 */
public class ReloadedCatalog {
    public int runs;

    @Cached(operation = "it-reload-item")
    public Item item(String id) {
        runs++;
        return new Item(id, runs);
    }

    @Invalidate(operation = "it-reload-item", key = "{id}")
    public void update(String id) {
    }

    /** A cached value, of a class the reloaded loader defines. */
    public record Item(String id, int version) {
    }
}
