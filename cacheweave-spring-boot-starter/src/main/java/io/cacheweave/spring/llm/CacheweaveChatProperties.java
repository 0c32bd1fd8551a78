package io.cacheweave.spring.llm;

import io.cacheweave.llm.ChatCacheOptions;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The chat-response cache the starter offers ({@code cacheweave.llm.*}), bound by Spring. These are the starter's
 * settings, not the runtime's: the runtime's loader leaves the prefix alone. Defaults are {@link ChatCacheOptions}'s.
 */
@ConfigurationProperties(prefix = CacheweaveChatProperties.PREFIX)
public class CacheweaveChatProperties {
    /** The prefix of these properties. */
    public static final String PREFIX = "cacheweave.llm";

    /** Token prices of one model, per million tokens, in the currency of the application's choice. */
    public static class Price {
        /** Price of a million input tokens. */
        private double input;
        /** Price of a million output tokens. */
        private double output;

        public double getInput() {
            return input;
        }

        public void setInput(double input) {
            this.input = input;
        }

        public double getOutput() {
            return output;
        }

        public void setOutput(double output) {
            this.output = output;
        }
    }

    /** Whether the starter makes a chat-response cache and a Spring AI advisor over it. */
    private boolean enabled;
    /** The cache's name: the first part of its keys, its row in the statistics. */
    private String name = "chat";
    /** How long answers live unless their model has its own TTL. */
    private Duration ttl = ChatCacheOptions.DEFAULT_TTL;
    /** The TTL of one model's answers, by model name. */
    private Map<String, Duration> modelTtl = new TreeMap<>();
    /** Whether answers to requests with a temperature above 0 are cached. */
    private boolean cacheSampled;
    /** Whether a request of the same meaning is a hit (semantic hits). */
    private boolean semantic;
    /** The least cosine similarity of a semantic hit, in (0, 1]. */
    private double similarity = ChatCacheOptions.DEFAULT_SIMILARITY;
    /** The most stored questions one scope keeps on a node for semantic hits; the oldest go first. */
    private int semanticCapacity = ChatCacheOptions.DEFAULT_SEMANTIC_CAPACITY;
    /** The least time between two reads of a scope's questions from the shared tier (what other nodes stored). */
    private Duration semanticRefresh = ChatCacheOptions.DEFAULT_SEMANTIC_REFRESH;
    /** The longest wait for an embedding; beyond it the call goes on without semantic hits. */
    private Duration embedTimeout = ChatCacheOptions.DEFAULT_EMBED_TIMEOUT;
    /** Token prices per model, for the cost saved. */
    private Map<String, Price> prices = new TreeMap<>();
    /** Who serves the ChatClient's model, as the advisor keys it. */
    private String provider = "unknown";
    /** The model the ChatClient's ChatModel uses when a prompt's options name none. */
    private String model = "unknown";

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public Duration getTtl() {
        return ttl;
    }

    public void setTtl(Duration ttl) {
        this.ttl = ttl;
    }

    public Map<String, Duration> getModelTtl() {
        return modelTtl;
    }

    public void setModelTtl(Map<String, Duration> modelTtl) {
        this.modelTtl = modelTtl;
    }

    public boolean isCacheSampled() {
        return cacheSampled;
    }

    public void setCacheSampled(boolean cacheSampled) {
        this.cacheSampled = cacheSampled;
    }

    public boolean isSemantic() {
        return semantic;
    }

    public void setSemantic(boolean semantic) {
        this.semantic = semantic;
    }

    public double getSimilarity() {
        return similarity;
    }

    public void setSimilarity(double similarity) {
        this.similarity = similarity;
    }

    public int getSemanticCapacity() {
        return semanticCapacity;
    }

    public void setSemanticCapacity(int semanticCapacity) {
        this.semanticCapacity = semanticCapacity;
    }

    public Duration getSemanticRefresh() {
        return semanticRefresh;
    }

    public void setSemanticRefresh(Duration semanticRefresh) {
        this.semanticRefresh = semanticRefresh;
    }

    public Duration getEmbedTimeout() {
        return embedTimeout;
    }

    public void setEmbedTimeout(Duration embedTimeout) {
        this.embedTimeout = embedTimeout;
    }

    public Map<String, Price> getPrices() {
        return prices;
    }

    public void setPrices(Map<String, Price> prices) {
        this.prices = prices;
    }

    public String getProvider() {
        return provider;
    }

    public void setProvider(String provider) {
        this.provider = provider;
    }

    public String getModel() {
        return model;
    }

    public void setModel(String model) {
        this.model = model;
    }
}
