package io.cacheweave.spring.llm;

import io.cacheweave.llm.ChatResponseCache;
import io.cacheweave.llm.metrics.ChatSavingsMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Binds what every chat cache of the application saved ({@link ChatSavingsMetrics}: {@code cache.llm.hits},
 * {@code cache.llm.misses}, {@code cache.llm.tokens.saved}, {@code cache.llm.cost.saved}, tags {@code cache} and
 * {@code model}) to each of the application's meter registries. Off with {@code cacheweave.micrometer.enabled=false}.
 */
public class ChatSavingsMeterBinder implements MeterBinder {
    private final ObjectProvider<ChatResponseCache> caches;
    private final boolean enabled;

    /**
     * @param caches the application's chat caches
     * @param enabled whether to bind at all
     */
    public ChatSavingsMeterBinder(ObjectProvider<ChatResponseCache> caches, boolean enabled) {
        this.caches = caches;
        this.enabled = enabled;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        if (enabled) {
            caches.orderedStream().forEach(cache -> new ChatSavingsMetrics(cache.savings()).bindTo(registry));
        }
    }
}
