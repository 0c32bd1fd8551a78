package io.cacheweave.llm.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cacheweave.llm.ChatAnswer;
import io.cacheweave.llm.ChatCacheOptions;
import io.cacheweave.llm.ChatCall;
import io.cacheweave.llm.ChatResponseCache;
import io.cacheweave.runtime.CacheRuntime;
import io.cacheweave.runtime.config.Settings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

class ChatSavingsMetricsTest {

    private static ChatCall ask(String question) {
        return new ChatCall("p", "m1", List.of(ChatCall.Turn.user(question)), List.of(), Map.of());
    }

    @Test
    void bindTo_countersFollowTheSavings_perModel() throws Exception {
        try (CacheRuntime runtime = CacheRuntime.builder().settings(Settings.builder().build()).build()) {
            ChatResponseCache cache = ChatResponseCache.create(runtime,
                    ChatCacheOptions.builder("metered").price("m1", 1_000_000, 2_000_000).build());
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            new ChatSavingsMetrics(cache.savings()).bindTo(registry);
            cache.lookup(ask("q")).store(new ChatAnswer("a", List.of(), "STOP", 7, 11, "m1"));
            cache.lookup(ask("q"));
            cache.lookup(ask("q"));
            assertEquals(2, registry.get("cache.llm.hits").tags("cache", "metered", "model", "m1", "match", "exact")
                    .functionCounter().count());
            assertEquals(1, registry.get("cache.llm.misses").tags("model", "m1").functionCounter().count());
            assertEquals(14, registry.get("cache.llm.tokens.saved").tags("direction", "input").functionCounter().count());
            assertEquals(22, registry.get("cache.llm.tokens.saved").tags("direction", "output").functionCounter()
                    .count());
            assertEquals(2 * (7 + 22), registry.get("cache.llm.cost.saved").functionCounter().count(), 1e-9);

            try (ChatSavingsJmx jmx = ChatSavingsJmx.register(cache.savings())) {
                ObjectName name = new ObjectName("io.cacheweave:type=ChatCache,cache=\"metered\",model=\"m1\"");
                assertEquals(2L, ManagementFactory.getPlatformMBeanServer().getAttribute(name, "ExactHits"));
                assertEquals(22L, ManagementFactory.getPlatformMBeanServer().getAttribute(name, "OutputTokensSaved"));
            }
        }
    }
}
