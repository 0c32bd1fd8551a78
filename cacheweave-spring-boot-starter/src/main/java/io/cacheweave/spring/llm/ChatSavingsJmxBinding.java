package io.cacheweave.spring.llm;

import io.cacheweave.llm.ChatResponseCache;
import io.cacheweave.llm.metrics.ChatSavingsJmx;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Publishes what every chat cache of the application saved over JMX ({@link ChatSavingsJmx}: one MXBean per cache
 * and model, {@code io.cacheweave:type=ChatCache,cache="<cache>",model="<model>"}) once the context's singletons
 * exist, and unregisters them when the context closes. Off with {@code cacheweave.monitor.jmx=false}, like the
 * runtime's own beans.
 */
public class ChatSavingsJmxBinding implements SmartInitializingSingleton, DisposableBean {
    private final ObjectProvider<ChatResponseCache> caches;
    private final boolean enabled;
    private final List<ChatSavingsJmx> registered = new CopyOnWriteArrayList<>();

    /**
     * @param caches the application's chat caches
     * @param enabled whether to register at all
     */
    public ChatSavingsJmxBinding(ObjectProvider<ChatResponseCache> caches, boolean enabled) {
        this.caches = caches;
        this.enabled = enabled;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (enabled) {
            caches.orderedStream().forEach(cache -> registered.add(ChatSavingsJmx.register(cache.savings())));
        }
    }

    @Override
    public void destroy() {
        registered.forEach(ChatSavingsJmx::close);
        registered.clear();
    }
}
