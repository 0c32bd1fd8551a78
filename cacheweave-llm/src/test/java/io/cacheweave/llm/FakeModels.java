package io.cacheweave.llm;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.util.concurrent.atomic.AtomicInteger;

/** Deterministic LangChain4j models with no network: the answer names the question and counts the calls. */
public final class FakeModels {

    private FakeModels() {
    }

    static String question(ChatRequest request) {
        for (int i = request.messages().size() - 1; i >= 0; i--) {
            ChatMessage m = request.messages().get(i);
            if (m instanceof UserMessage u) {
                return u.singleText();
            }
        }
        return "";
    }

    /** A chat model answering "answer #n to: question", with 10 input and 20 output tokens. */
    public static final class Chat implements ChatModel {
        public final AtomicInteger calls = new AtomicInteger();
        public volatile RuntimeException failure;
        /** When set, each call waits for it first. */
        public volatile java.util.concurrent.CountDownLatch gate;

        @Override
        public ChatResponse doChat(ChatRequest request) {
            int n = calls.incrementAndGet();
            if (gate != null) {
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (failure != null) {
                throw failure;
            }
            return ChatResponse.builder().aiMessage(AiMessage.from("answer #" + n + " to: " + question(request)))
                    .modelName("fake-1").tokenUsage(new TokenUsage(10, 20)).finishReason(FinishReason.STOP).build();
        }

        @Override
        public ChatRequestParameters defaultRequestParameters() {
            return ChatRequestParameters.builder().modelName("fake-1").temperature(0.0).build();
        }
    }

    /** A streaming model that streams its answer in parts of 5 characters, or fails after the first part. */
    public static final class Streaming implements StreamingChatModel {
        public final AtomicInteger calls = new AtomicInteger();
        public volatile boolean failMidway;

        @Override
        public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
            int n = calls.incrementAndGet();
            String text = "streamed #" + n + " to: " + question(request);
            StreamingHandle handle = new StreamingHandle() {
                volatile boolean cancelled;

                @Override
                public void cancel() {
                    cancelled = true;
                }

                @Override
                public boolean isCancelled() {
                    return cancelled;
                }
            };
            for (int at = 0; at < text.length(); at += 5) {
                if (handle.isCancelled()) {
                    return; // a cancelled stream ends without completing
                }
                handler.onPartialResponse(new PartialResponse(text.substring(at, Math.min(text.length(), at + 5))),
                        new PartialResponseContext(handle));
                if (failMidway) {
                    handler.onError(new IllegalStateException("connection reset"));
                    return;
                }
            }
            handler.onCompleteResponse(ChatResponse.builder().aiMessage(AiMessage.from(text)).modelName("fake-1")
                    .tokenUsage(new TokenUsage(10, 20)).finishReason(FinishReason.STOP).build());
        }

        @Override
        public ChatRequestParameters defaultRequestParameters() {
            return ChatRequestParameters.builder().modelName("fake-1").temperature(0.0).build();
        }
    }
}
