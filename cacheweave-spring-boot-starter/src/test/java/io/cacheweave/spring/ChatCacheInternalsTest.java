package io.cacheweave.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.cacheweave.llm.Embedder;
import io.cacheweave.llm.springai.CacheweaveChatAdvisor;
import io.cacheweave.spring.actuate.CacheweaveEndpoint;
import io.cacheweave.spring.llm.CacheweaveChatAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The semantic chat cache's internal caches ({@code chat-questions}, {@code chat-manifest}) in the Actuator endpoint and
 * the meters: there, marked as serving {@code chat} ({@code supports}, tag {@code internal=true}), and given no advice.
 */
class ChatCacheInternalsTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CacheweaveAutoConfiguration.class,
                    CacheweaveActuatorAutoConfiguration.class, CacheweaveChatAutoConfiguration.class,
                    MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
            .withPropertyValues("cacheweave.monitor.jmx=false", "cacheweave.llm.enabled=true",
                    "cacheweave.llm.semantic=true", "cacheweave.llm.provider=fake", "cacheweave.llm.model=fake-1");

    /** Each lower-cased word adds to one of 64 buckets: distinct questions are distinct vectors. */
    @Configuration(proxyBeanMethods = false)
    static class WordEmbedder {
        @Bean
        Embedder wordEmbedder() {
            return new Embedder() {
                @Override
                public String name() {
                    return "words";
                }

                @Override
                public float[] embed(String text) {
                    float[] v = new float[64];
                    for (String word : text.toLowerCase(Locale.ROOT).split("\\W+")) {
                        if (!word.isEmpty()) {
                            v[Math.floorMod(word.hashCode(), v.length)] += 1;
                        }
                    }
                    return v;
                }
            };
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void internalCaches_markedInTheEndpointAndTheMeters_withoutAdvice() {
        runner.withUserConfiguration(WordEmbedder.class).run(context -> {
            ChatClient client = ChatClient.builder(new FakeChatModel())
                    .defaultAdvisors(context.getBean(CacheweaveChatAdvisor.class)).build();
            String[] topics = {"caches", "queues", "locks", "indexes", "threads"};
            for (String topic : topics) {
                for (int i = 0; i < 5; i++) {
                    client.prompt().user("tell me about " + topic + " number " + i).call().content();
                }
            }

            Map<String, Object> snapshot = context.getBean(CacheweaveEndpoint.class).snapshot();
            Map<String, Map<String, Object>> ops = new java.util.HashMap<>();
            ((List<Map<String, Object>>) snapshot.get("operations")).forEach(o -> ops.put((String) o.get("operation"),
                    o));
            assertThat(ops.get("chat-manifest")).containsEntry("supports", "chat");
            assertThat(ops.get("chat-questions")).containsEntry("supports", "chat");
            assertThat(ops.get("chat").get("supports")).as("the application's cache").isNull();
            List<String> advised = ((List<Map<String, Object>>) snapshot.get("recommendations")).stream()
                    .map(r -> (String) r.get("subject")).toList();
            assertThat(advised).as("the chat cache's internals get no advice").noneMatch(s -> s.startsWith("chat-"));

            MeterRegistry registry = context.getBean(MeterRegistry.class);
            registry.get("cache.operations").gauge().value(); // a scrape: meters of caches made since start follow
            for (String cache : List.of("chat", "chat-questions", "chat-manifest")) {
                assertThat(registry.find("cache.gets").tag("cache", cache).meters()).as(cache).hasSize(2)
                        .allMatch(m -> m.getId().getTag("internal").equals(String.valueOf(!cache.equals("chat"))));
            }
        });
    }
}
