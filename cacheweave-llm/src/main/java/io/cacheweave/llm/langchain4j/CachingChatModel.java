package io.cacheweave.llm.langchain4j;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.cacheweave.llm.ChatResponseCache;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A LangChain4j {@link ChatModel} that answers from a {@link ChatResponseCache} and calls the model it decorates only
 * on a miss. Every way of calling it ({@code chat(String)}, {@code chat(messages)}, {@code chat(ChatRequest)},
 * AI services) goes through {@link #chat(ChatRequest)}.
 *
 * <pre>{@code
 * ChatModel model = CachingChatModel.wrap(openAiModel,
 *         ChatResponseCache.create(Cacheweave.runtime(), ChatCacheOptions.create("support-chat")));
 * }</pre>
 *
 * The decorated model's listeners see only the calls that reach it. A hit's response carries a token usage of 0.
 */
public final class CachingChatModel implements ChatModel {

    private final ChatModel model;
    private final ChatResponseCache cache;

    private CachingChatModel(ChatModel model, ChatResponseCache cache) {
        this.model = Objects.requireNonNull(model, "model must not be null");
        this.cache = Objects.requireNonNull(cache, "cache must not be null");
    }

    /** @return {@code model} answering from {@code cache} */
    public static CachingChatModel wrap(ChatModel model, ChatResponseCache cache) {
        return new CachingChatModel(model, cache);
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        return chat(request, () -> model.chat(request));
    }

    @Override
    public ChatResponse chat(ChatRequest request, ChatRequestOptions options) {
        return chat(request, () -> model.chat(request, options));
    }

    private ChatResponse chat(ChatRequest request, Supplier<ChatResponse> call) {
        ChatResponseCache.Lookup lookup = LangChain4jCalls.lookup(cache, request, model::defaultRequestParameters,
                model::provider);
        // concurrent callers of one request share one model call; a failure reaches them as it would uncached
        return lookup.load(call, LangChain4jCalls::answer, LangChain4jCalls::response);
    }

    @Override
    public ChatRequestParameters defaultRequestParameters() {
        return model.defaultRequestParameters();
    }

    @Override
    public ModelProvider provider() {
        return model.provider();
    }

    @Override
    public Set<Capability> supportedCapabilities() {
        return model.supportedCapabilities();
    }

    /** @return the cache it answers from */
    public ChatResponseCache cache() {
        return cache;
    }
}
