package io.cacheweave.llm;

import io.cacheweave.runtime.Cache;
import io.cacheweave.runtime.CacheRuntime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat-response cache both framework adapters share: exact hits by the canonical request, then (when enabled)
 * semantic hits among earlier questions of the same scope, guarded against near-misses of opposite meaning. Answers
 * live in one programmatic {@link Cache} of the runtime, so they go through its tiers, codec, invalidation and
 * statistics like any cached value; the savings (tokens and money) are counted in {@link ChatSavings}.
 *
 * <p>A failure of the cache or the embedder never reaches the caller: the call goes to the model, and the cause is
 * logged once per kind of failure.
 */
public final class ChatResponseCache {
    private static final Logger LOG = LoggerFactory.getLogger(ChatResponseCache.class);

    private final ChatCacheOptions options;
    private final Cache<List<String>, ChatAnswer> answers;
    private final SemanticQuestions semantic; // null when semantic hits are off
    private final ChatSavings savings;
    private final ModelTtls ttls;
    private final Set<String> logged = ConcurrentHashMap.newKeySet();

    private ChatResponseCache(CacheRuntime runtime, ChatCacheOptions options) {
        this.options = options;
        this.ttls = ModelTtls.of(options, runtime.settings());
        this.answers = runtime.<List<String>, ChatAnswer>cacheBuilder(options.name()).valueType(ChatAnswer.class)
                .ttl(options.ttl("")).build();
        this.semantic = options.embedder().map(e -> new SemanticQuestions(runtime, options, e, this::logOnce))
                .orElse(null);
        this.savings = new ChatSavings(options);
    }

    /**
     * Makes the cache; make one per cache name and keep it (the runtime's monitor keeps its savings for the
     * runtime's life, and rows of caches of one name are summed).
     *
     * @return a cache over {@code runtime}'s tiers with these options; its savings are in the runtime monitor's
     *     snapshot ({@code usageSaved}: the stats page, the JSON, the Actuator endpoint) from now on
     */
    public static ChatResponseCache create(CacheRuntime runtime, ChatCacheOptions options) {
        ChatResponseCache cache = new ChatResponseCache(runtime, options);
        runtime.monitor().addUsageSavings(cache.savings);
        return cache;
    }

    public ChatCacheOptions options() {
        return options;
    }

    /**
     * @param model a model name as requests give it
     * @return how long its answers live: the options' {@code modelTtl(model)}, else the runtime's setting
     *     {@code cacheweave.llm.model-ttl.<model>}, else the options' TTL
     */
    public java.time.Duration ttl(String model) {
        return ttls.of(model);
    }

    /** @return what this cache saved so far: hits, tokens served from the cache, cost saved, per model */
    public ChatSavings savings() {
        return savings;
    }

    /**
     * Looks {@code call} up.
     *
     * @param call the request
     * @return a hit, or a miss that can store the model's answer, or a bypass (the request is not cacheable)
     */
    public Lookup lookup(ChatCall call) {
        return lookup(call, options.scope());
    }

    /**
     * Looks {@code call} up in a scope of the caller's choosing.
     *
     * @param call the request
     * @param scope the tenant or user the answer belongs to; answers are never shared between scopes
     * @return a hit, a miss that can store the model's answer, or a bypass
     */
    public Lookup lookup(ChatCall call, String scope) {
        RequestKeys.Rendered rendered;
        try {
            Double temperature = call.temperature();
            if (temperature != null && temperature > 0 && !options.cacheSampled()) {
                savings.bypassed();
                return new Lookup(this, call, null, null, false, null);
            }
            rendered = RequestKeys.render(call, scope == null ? "" : scope, semantic != null);
        } catch (RuntimeException e) {
            logOnce("render", "cacheweave: a request to " + call.model() + " could not be rendered into a cache key, "
                    + "so it goes to the model uncached: " + e.getMessage(), null);
            savings.bypassed();
            return new Lookup(this, call, null, null, false, null);
        }
        ChatAnswer exact = safely("get", () -> answers.get(rendered.exactKey()));
        if (exact != null) {
            savings.hit(call.model(), exact, false);
            return new Lookup(this, call, rendered, exact, false, null);
        }
        float[] vector = null;
        if (semantic != null && rendered.lastUserText() != null) {
            vector = semantic.embed(rendered.lastUserText());
            if (vector != null) {
                Optional<List<String>> similar = semantic.nearest(rendered, vector);
                if (similar.isPresent()) {
                    ChatAnswer found = safely("get", () -> answers.get(similar.get()));
                    if (found != null) {
                        savings.hit(call.model(), found, true);
                        return new Lookup(this, call, rendered, found, true, null);
                    }
                }
            }
        }
        savings.miss(call.model());
        return new Lookup(this, call, rendered, null, false, vector);
    }

    /**
     * For an adapter that could not translate a request at all: the call goes to the model uncached, and the cause is
     * logged once per {@code kind}.
     *
     * @return a lookup that stores nothing
     */
    public Lookup bypass(String kind, RuntimeException cause) {
        logOnce(kind, "cacheweave: a request could not be read for chat cache " + options.name()
                + ", so it goes to the model uncached: " + cause.getMessage(), null);
        savings.bypassed();
        return new Lookup(this, null, null, null, false, null);
    }

    private void store(Lookup lookup, ChatAnswer answer) {
        if (lookup.rendered == null || answer == null) {
            return;
        }
        safely("put", () -> {
            answers.put(lookup.rendered.exactKey(), answer, ttl(lookup.call.model()));
            return null;
        });
        remembered(lookup);
    }

    /** Keeps a stored answer's question for semantic hits. */
    private void remembered(Lookup lookup) {
        if (semantic != null && lookup.vector != null) {
            semantic.remember(lookup.rendered, lookup.vector, ttl(lookup.call.model()));
        }
    }

    /**
     * Removes every answer of this cache on every node (semantic questions go with them: a question whose answer is
     * gone is never a hit).
     *
     * @return how many answers went
     */
    public long clear() {
        return answers.clear();
    }

    private <T> T safely(String what, Supplier<T> action) {
        try {
            return action.get();
        } catch (RuntimeException e) { // the runtime fails open already; this guards the adapters' callers
            logOnce(what, "cacheweave: chat cache " + options.name() + " failed to " + what + "; the call goes on "
                    + "without it", e);
            return null;
        }
    }

    void logOnce(String kind, String message, Throwable cause) {
        if (logged.add(kind)) {
            LOG.warn(message + " (logged once per kind of failure)", cause);
        }
    }

    /** The outcome of a lookup: a hit to serve, or a miss whose answer {@link #store} keeps. */
    public static final class Lookup {
        private final ChatResponseCache cache;
        private final ChatCall call;
        private final RequestKeys.Rendered rendered;
        private final ChatAnswer answer;
        private final boolean semanticHit;
        private final float[] vector;

        private Lookup(ChatResponseCache cache, ChatCall call, RequestKeys.Rendered rendered, ChatAnswer answer,
                boolean semanticHit, float[] vector) {
            this.cache = cache;
            this.call = call;
            this.rendered = rendered;
            this.answer = answer;
            this.semanticHit = semanticHit;
            this.vector = vector;
        }

        /** @return the stored answer, empty on a miss or a bypass */
        public Optional<ChatAnswer> hit() {
            return Optional.ofNullable(answer);
        }

        /** @return whether the hit was found by meaning rather than by the exact request */
        public boolean semantic() {
            return semanticHit;
        }

        /** @return whether the request can be cached at all (false: sampled without permission, or unrenderable) */
        public boolean cacheable() {
            return rendered != null;
        }

        /** @return the key's rendering, for tests and logs */
        public List<String> key() {
            return rendered == null ? List.of() : rendered.exactKey();
        }

        /**
         * Answers a missed request by calling the model once per request among this node's concurrent callers
         * (single-flight): the first runs {@code call} and gets its own response; the others wait for it and get the
         * stored answer, counted as hits. A failure of the model reaches every waiting caller and stores nothing. For
         * a hit, the stored answer; for a bypass, {@code call} as it is.
         *
         * @param modelCall calls the model
         * @param answerOf what to store of the model's response
         * @param responseOf the response to give for a stored answer
         * @param <R> the framework's response type
         */
        public <R> R load(Supplier<R> modelCall, Function<R, ChatAnswer> answerOf, Function<ChatAnswer, R> responseOf) {
            if (answer != null) {
                return responseOf.apply(answer);
            }
            if (rendered == null) {
                return modelCall.get();
            }
            AtomicReference<R> own = new AtomicReference<>();
            ChatAnswer loaded = cache.answers.getOrLoad(rendered.exactKey(), key -> {
                R response = modelCall.get();
                own.set(response);
                return answerOf.apply(response);
            }, cache.ttl(call.model()));
            R mine = own.get();
            if (mine != null) {
                cache.remembered(this);
                return mine;
            }
            if (loaded == null) { // the shared load produced nothing to store: ask the model ourselves
                return modelCall.get();
            }
            cache.savings.hit(call.model(), loaded, false); // another caller's load, shared
            return responseOf.apply(loaded);
        }

        /**
         * Stores the model's answer to a missed request. Call it only for an answer that completed normally (a whole
         * stream, never a failed or cancelled one). Does nothing for a hit or a bypass.
         */
        public void store(ChatAnswer answer) {
            if (this.answer == null) {
                cache.store(this, answer);
            }
        }
    }
}
