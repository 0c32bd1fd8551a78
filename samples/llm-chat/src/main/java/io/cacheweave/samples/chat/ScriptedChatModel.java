package io.cacheweave.samples.chat;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A deterministic stand-in for a hosted chat model: no network, an answer made from the question, a latency like a
 * real model's, and a token usage of about one token per four characters (what a provider would bill).
 */
public final class ScriptedChatModel implements ChatModel, StreamingChatModel {
    /** The model's name, as a provider would report it. */
    public static final String NAME = "scripted-model";

    private final Duration latency;
    private final AtomicInteger calls = new AtomicInteger();

    public ScriptedChatModel(Duration latency) {
        this.latency = latency;
    }

    /** @return how many requests reached the model */
    public int calls() {
        return calls.get();
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        calls.incrementAndGet();
        pause(latency);
        return answer(request);
    }

    @Override
    public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
        calls.incrementAndGet();
        ChatResponse response = answer(request);
        String text = response.aiMessage().text();
        for (int at = 0; at < text.length(); at += 12) {
            pause(latency.dividedBy(Math.max(1, text.length() / 12)));
            handler.onPartialResponse(text.substring(at, Math.min(text.length(), at + 12)));
        }
        handler.onCompleteResponse(response);
    }

    @Override
    public java.util.Set<dev.langchain4j.model.chat.Capability> supportedCapabilities() {
        return java.util.Set.of();
    }

    @Override
    public dev.langchain4j.model.ModelProvider provider() {
        return dev.langchain4j.model.ModelProvider.OTHER;
    }

    @Override
    public java.util.List<dev.langchain4j.model.chat.listener.ChatModelListener> listeners() {
        return java.util.List.of();
    }

    @Override
    public ChatRequestParameters defaultRequestParameters() {
        return ChatRequestParameters.builder().modelName(NAME).temperature(0.0).build();
    }

    private static ChatResponse answer(ChatRequest request) {
        StringBuilder prompt = new StringBuilder();
        String question = "";
        for (ChatMessage m : request.messages()) {
            prompt.append(m).append('\n');
            if (m instanceof UserMessage u) {
                question = u.singleText();
            }
        }
        String text = "Here is what our handbook says about \"" + question.toLowerCase(Locale.ROOT)
                .replaceAll("[?.!]+$", "") + "\": see section " + (Math.floorMod(question.hashCode(), 40) + 1)
                + ", which covers it step by step.";
        return ChatResponse.builder().aiMessage(AiMessage.from(text)).modelName(NAME)
                .tokenUsage(new TokenUsage(prompt.length() / 4 + 1, text.length() / 4 + 1))
                .finishReason(FinishReason.STOP).build();
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
