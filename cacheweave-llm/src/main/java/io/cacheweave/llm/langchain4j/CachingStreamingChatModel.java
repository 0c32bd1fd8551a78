package io.cacheweave.llm.langchain4j;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialThinkingContext;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.PartialToolCallContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import io.cacheweave.llm.ChatAnswer;
import io.cacheweave.llm.ChatResponseCache;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A LangChain4j {@link StreamingChatModel} that answers from a {@link ChatResponseCache}. A hit is replayed to the
 * handler as a stream (the stored text in parts of about {@value #PART_CHARACTERS} characters, then the complete
 * response); a miss streams from the decorated model, and its answer is stored only when the stream completes
 * normally: a stream that fails or that the caller cancels stores nothing.
 */
public final class CachingStreamingChatModel implements StreamingChatModel {

    /** The size of the parts a hit is replayed in. */
    public static final int PART_CHARACTERS = 64;

    private final StreamingChatModel model;
    private final ChatResponseCache cache;

    private CachingStreamingChatModel(StreamingChatModel model, ChatResponseCache cache) {
        this.model = Objects.requireNonNull(model, "model must not be null");
        this.cache = Objects.requireNonNull(cache, "cache must not be null");
    }

    /** @return {@code model} answering from {@code cache} */
    public static CachingStreamingChatModel wrap(StreamingChatModel model, ChatResponseCache cache) {
        return new CachingStreamingChatModel(model, cache);
    }

    @Override
    public void chat(ChatRequest request, StreamingChatResponseHandler handler) {
        chat(request, handler, recording -> model.chat(request, recording));
    }

    @Override
    public void chat(ChatRequest request, ChatRequestOptions options, StreamingChatResponseHandler handler) {
        chat(request, handler, recording -> model.chat(request, options, recording));
    }

    private void chat(ChatRequest request, StreamingChatResponseHandler handler,
            Consumer<StreamingChatResponseHandler> stream) {
        ChatResponseCache.Lookup lookup = LangChain4jCalls.lookup(cache, request, model::defaultRequestParameters,
                model::provider);
        if (lookup.hit().isPresent()) {
            replay(lookup.hit().get(), handler);
        } else {
            stream.accept(new Recording(handler, lookup));
        }
    }

    private static void replay(ChatAnswer answer, StreamingChatResponseHandler handler) {
        Replay replay = new Replay();
        String text = answer.text();
        int at = 0;
        while (at < text.length() && !replay.cancelled) {
            int end = Math.min(text.length(), at + PART_CHARACTERS);
            if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
                end++; // never split a surrogate pair
            }
            handler.onPartialResponse(new PartialResponse(text.substring(at, end)), new PartialResponseContext(replay));
            at = end;
        }
        if (!replay.cancelled) {
            handler.onCompleteResponse(LangChain4jCalls.response(answer));
        }
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

    /** The handle a replayed hit gives the caller: cancelling stops the replay. */
    private static final class Replay implements StreamingHandle {
        volatile boolean cancelled;

        @Override
        public void cancel() {
            cancelled = true;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }
    }

    /** Passes every event on, and stores the complete response of a stream that completes normally. */
    private static final class Recording implements StreamingChatResponseHandler {
        private final StreamingChatResponseHandler handler;
        private final ChatResponseCache.Lookup lookup;

        Recording(StreamingChatResponseHandler handler, ChatResponseCache.Lookup lookup) {
            this.handler = handler;
            this.lookup = lookup;
        }

        @Override
        public void onPartialResponse(String partialResponse) {
            handler.onPartialResponse(partialResponse);
        }

        @Override
        public void onPartialResponse(PartialResponse partialResponse, PartialResponseContext context) {
            handler.onPartialResponse(partialResponse, context);
        }

        @Override
        public void onPartialThinking(PartialThinking partialThinking) {
            handler.onPartialThinking(partialThinking);
        }

        @Override
        public void onPartialThinking(PartialThinking partialThinking, PartialThinkingContext context) {
            handler.onPartialThinking(partialThinking, context);
        }

        @Override
        public void onPartialToolCall(PartialToolCall partialToolCall) {
            handler.onPartialToolCall(partialToolCall);
        }

        @Override
        public void onPartialToolCall(PartialToolCall partialToolCall, PartialToolCallContext context) {
            handler.onPartialToolCall(partialToolCall, context);
        }

        @Override
        public void onCompleteToolCall(CompleteToolCall completeToolCall) {
            handler.onCompleteToolCall(completeToolCall);
        }

        @Override
        public void onUnmappedRawEvent(Object event) {
            handler.onUnmappedRawEvent(event);
        }

        @Override
        public void onCompleteResponse(ChatResponse response) {
            // the complete response holds the whole answer: what the parts added up to
            lookup.store(LangChain4jCalls.answer(response));
            handler.onCompleteResponse(response);
        }

        @Override
        public void onError(Throwable error) {
            handler.onError(error); // nothing stored
        }
    }
}
