package io.cacheweave.llm;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * How one chat-response cache behaves: its name, TTLs per model, whether sampled answers are cached, semantic hits,
 * the caller's scope and the price table for the money saved. Immutable; {@link #builder(String)},
 * {@link #create(String)} and {@link #mutate()}.
 *
 * <pre>{@code
 * ChatCacheOptions options = ChatCacheOptions.builder("support-chat")
 *         .ttl(Duration.ofHours(6)).modelTtl("gpt-4o", Duration.ofHours(24))
 *         .semantic(LangChain4jEmbedder.inProcess())
 *         .scope(() -> TenantContext.current())
 *         .price("gpt-4o", 2.50, 10.00)
 *         .build();
 * }</pre>
 */
public final class ChatCacheOptions {

    /** The TTL of answers whose model has none of its own. */
    public static final Duration DEFAULT_TTL = Duration.ofHours(1);
    /**
     * The least cosine similarity of a semantic hit with the default in-process model (all-MiniLM-L6-v2), chosen on
     * the labelled pairs shipped with the tests together with {@link MeaningGuard}: see the README for the measured
     * precision and recall.
     */
    public static final double DEFAULT_SIMILARITY = 0.90;
    /** The most stored questions a semantic scope keeps on a node. */
    public static final int DEFAULT_SEMANTIC_CAPACITY = 200_000;
    /** How long a question's embedding may take before the call goes on without semantic lookup. */
    public static final Duration DEFAULT_EMBED_TIMEOUT = Duration.ofSeconds(2);
    /** How often a node reads other nodes' questions of a scope again, at most, on a semantic miss. */
    public static final Duration DEFAULT_SEMANTIC_REFRESH = Duration.ofSeconds(10);

    /** Input and output prices per million tokens, in the currency of the user's choice. */
    public record Price(double inputPerMillion, double outputPerMillion) {
        public Price {
            if (!(inputPerMillion >= 0) || !(outputPerMillion >= 0)) {
                throw new IllegalArgumentException("prices must not be negative: " + inputPerMillion + ", "
                        + outputPerMillion);
            }
        }

        /** @return the cost of a call with these token counts */
        public double cost(long inputTokens, long outputTokens) {
            return (inputTokens * inputPerMillion + outputTokens * outputPerMillion) / 1_000_000d;
        }
    }

    private final String name;
    private final Duration ttl;
    private final Map<String, Duration> modelTtls;
    private final boolean cacheSampled;
    private final Embedder embedder;
    private final double similarity;
    private final int semanticCapacity;
    private final Duration embedTimeout;
    private final Duration semanticRefresh;
    private final Supplier<String> scope;
    private final Map<String, Price> prices;

    private ChatCacheOptions(Builder b) {
        this.name = b.name;
        this.ttl = b.ttl;
        this.modelTtls = Map.copyOf(b.modelTtls);
        this.cacheSampled = b.cacheSampled;
        this.embedder = b.embedder;
        this.similarity = b.similarity;
        this.semanticCapacity = b.semanticCapacity;
        this.embedTimeout = b.embedTimeout;
        this.semanticRefresh = b.semanticRefresh;
        this.scope = b.scope;
        this.prices = Map.copyOf(b.prices);
    }

    /** @param name the cache's name: the first part of its keys, and its row in the statistics */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** @return options with every default: exact hits only, answers with a temperature above 0 not cached */
    public static ChatCacheOptions create(String name) {
        return builder(name).build();
    }

    /** @return a builder holding these options */
    public Builder mutate() {
        Builder b = new Builder(name);
        b.ttl = ttl;
        b.modelTtls.putAll(modelTtls);
        b.cacheSampled = cacheSampled;
        b.embedder = embedder;
        b.similarity = similarity;
        b.semanticCapacity = semanticCapacity;
        b.embedTimeout = embedTimeout;
        b.semanticRefresh = semanticRefresh;
        b.scope = scope;
        b.prices.putAll(prices);
        return b;
    }

    public String name() {
        return name;
    }

    /**
     * @return how long an answer of {@code model} lives by these options: its own TTL, else the cache's. A cache built
     *     from a runtime also reads {@code cacheweave.llm.model-ttl.<model>} from the runtime's settings for models
     *     without a TTL here (see {@link ChatResponseCache#ttl(String)})
     */
    public Duration ttl(String model) {
        return modelTtls.getOrDefault(model, ttl);
    }

    /** @return {@code model}'s own TTL, given by {@link Builder#modelTtl}; empty when it has none here */
    public Optional<Duration> modelTtl(String model) {
        return Optional.ofNullable(modelTtls.get(model));
    }

    /** @return whether answers to requests with a temperature above 0 are cached */
    public boolean cacheSampled() {
        return cacheSampled;
    }

    /** @return the embedder of semantic hits, empty when only exact requests hit */
    public Optional<Embedder> embedder() {
        return Optional.ofNullable(embedder);
    }

    public double similarity() {
        return similarity;
    }

    public int semanticCapacity() {
        return semanticCapacity;
    }

    public Duration embedTimeout() {
        return embedTimeout;
    }

    public Duration semanticRefresh() {
        return semanticRefresh;
    }

    /** @return the caller's scope now (tenant, user), {@code ""} when none */
    public String scope() {
        String s = scope.get();
        return s == null ? "" : s;
    }

    /** @return the price of {@code model}'s tokens, when the table has it */
    public Optional<Price> price(String model) {
        return Optional.ofNullable(prices.get(model));
    }

    /** The builder of {@link ChatCacheOptions}. */
    public static final class Builder {
        private final String name;
        private Duration ttl = DEFAULT_TTL;
        private final Map<String, Duration> modelTtls = new TreeMap<>();
        private boolean cacheSampled;
        private Embedder embedder;
        private double similarity = DEFAULT_SIMILARITY;
        private int semanticCapacity = DEFAULT_SEMANTIC_CAPACITY;
        private Duration embedTimeout = DEFAULT_EMBED_TIMEOUT;
        private Duration semanticRefresh = DEFAULT_SEMANTIC_REFRESH;
        private Supplier<String> scope = () -> "";
        private final Map<String, Price> prices = new TreeMap<>();

        private Builder(String name) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("cache name must not be blank: " + name);
            }
            this.name = name;
        }

        /** @param ttl how long answers live unless their model has its own TTL; positive */
        public Builder ttl(Duration ttl) {
            this.ttl = positive(ttl, "ttl");
            return this;
        }

        /** @param model a model name as requests give it @param ttl how long its answers live; positive */
        public Builder modelTtl(String model, Duration ttl) {
            modelTtls.put(Objects.requireNonNull(model, "model must not be null"), positive(ttl, "ttl of " + model));
            return this;
        }

        /**
         * @param cache whether to cache answers to requests that ask for a temperature above 0 (sampled answers:
         *     the model would answer differently each time). Off by default.
         */
        public Builder cacheSampled(boolean cache) {
            this.cacheSampled = cache;
            return this;
        }

        /** Turns semantic hits on, with this embedder. */
        public Builder semantic(Embedder embedder) {
            this.embedder = Objects.requireNonNull(embedder, "embedder must not be null");
            return this;
        }

        /** @param similarity the least cosine similarity of a semantic hit, in (0, 1] */
        public Builder similarity(double similarity) {
            if (!(similarity > 0 && similarity <= 1)) {
                throw new IllegalArgumentException("similarity must be in (0, 1]: " + similarity);
            }
            this.similarity = similarity;
            return this;
        }

        /** @param entries the most stored questions a scope keeps on a node; positive */
        public Builder semanticCapacity(int entries) {
            if (entries <= 0) {
                throw new IllegalArgumentException("semantic capacity must be positive: " + entries);
            }
            this.semanticCapacity = entries;
            return this;
        }

        public Builder embedTimeout(Duration timeout) {
            this.embedTimeout = positive(timeout, "embed timeout");
            return this;
        }

        public Builder semanticRefresh(Duration refresh) {
            this.semanticRefresh = positive(refresh, "semantic refresh");
            return this;
        }

        /**
         * @param scope the caller's scope at the time of a call (a tenant or user id): answers are never shared
         *     between scopes, exact or semantic
         */
        public Builder scope(Supplier<String> scope) {
            this.scope = Objects.requireNonNull(scope, "scope must not be null");
            return this;
        }

        /** @param model a model name @param inputPerMillion price of a million input tokens @param outputPerMillion output */
        public Builder price(String model, double inputPerMillion, double outputPerMillion) {
            prices.put(Objects.requireNonNull(model, "model must not be null"),
                    new Price(inputPerMillion, outputPerMillion));
            return this;
        }

        public ChatCacheOptions build() {
            return new ChatCacheOptions(this);
        }

        private static Duration positive(Duration d, String what) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive: " + d);
            }
            return d;
        }
    }
}
