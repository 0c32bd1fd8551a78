package io.cacheweave.llm.langchain4j;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.CustomMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import io.cacheweave.llm.ChatAnswer;
import io.cacheweave.llm.ChatCall;
import io.cacheweave.llm.ChatResponseCache;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Translates between LangChain4j's requests and responses and the cache's framework-free ones. */
final class LangChain4jCalls {

    private LangChain4jCalls() {
    }

    /**
     * @param request the request as the caller made it
     * @param defaults the model's default parameters, which LangChain4j applies under the request's own
     * @param provider the model's provider
     */
    static ChatCall call(ChatRequest request, ChatRequestParameters defaults, ModelProvider provider) {
        ChatRequestParameters p = defaults == null ? request.parameters()
                : request.parameters() == null ? defaults : defaults.overrideWith(request.parameters());
        Map<String, Object> options = new LinkedHashMap<>();
        List<ChatCall.Tool> tools = new ArrayList<>();
        String model = null;
        if (p != null) {
            model = p.modelName();
            options.put(ChatCall.TEMPERATURE, p.temperature());
            options.put("topP", p.topP());
            options.put("topK", p.topK());
            options.put("frequencyPenalty", p.frequencyPenalty());
            options.put("presencePenalty", p.presencePenalty());
            options.put("maxOutputTokens", p.maxOutputTokens());
            options.put("stopSequences", p.stopSequences());
            options.put("toolChoice", p.toolChoice());
            options.put("responseFormat", p.responseFormat() == null ? null : p.responseFormat().toString());
            if (p.getClass() != DefaultChatRequestParameters.class) {
                // a provider's own parameters (seed, reasoning effort, ...): their text, so any difference misses
                options.put("providerParameters", p.getClass().getName() + p);
            }
            if (p.toolSpecifications() != null) {
                for (ToolSpecification t : p.toolSpecifications()) {
                    tools.add(new ChatCall.Tool(t.name(), t.description(),
                            t.parameters() == null ? null : t.parameters().toString()));
                }
            }
        }
        options.values().removeIf(v -> v == null);
        List<ChatCall.Turn> turns = new ArrayList<>(request.messages().size());
        for (ChatMessage m : request.messages()) {
            turns.add(turn(m));
        }
        return new ChatCall(provider == null ? null : provider.name().toLowerCase(java.util.Locale.ROOT), model, turns,
                tools, options);
    }

    /**
     * Looks {@code request} up in {@code cache}; a request this class cannot translate (a message or parameter whose
     * text throws, a model whose defaults cannot be read) goes to the model uncached, logged once, and never
     * reaches the caller as an exception.
     */
    static ChatResponseCache.Lookup lookup(ChatResponseCache cache, ChatRequest request,
            Supplier<ChatRequestParameters> defaults, Supplier<ModelProvider> provider) {
        ChatCall call;
        try {
            call = call(request, defaults.get(), provider.get());
        } catch (RuntimeException e) {
            return cache.bypass("request", e);
        }
        return cache.lookup(call);
    }

    private static ChatCall.Turn turn(ChatMessage m) {
        if (m instanceof SystemMessage s) {
            return ChatCall.Turn.system(s.text());
        }
        if (m instanceof UserMessage u) {
            StringBuilder text = new StringBuilder();
            for (Content c : u.contents()) {
                // text as itself; an image, audio or file by its full description (URL or data), so it keys too
                text.append(c instanceof TextContent t ? t.text() : "\u0000" + c);
            }
            return new ChatCall.Turn("user", (u.name() == null ? "" : u.name() + ": ") + text, List.of());
        }
        if (m instanceof AiMessage a) {
            return new ChatCall.Turn("assistant", a.text(), toolCalls(a.toolExecutionRequests()));
        }
        if (m instanceof ToolExecutionResultMessage t) {
            return new ChatCall.Turn("tool", t.text(), List.of(new ChatCall.ToolCall(t.id(), t.toolName(), null)));
        }
        if (m instanceof CustomMessage c) {
            return new ChatCall.Turn("custom", String.valueOf(c.attributes()), List.of());
        }
        return new ChatCall.Turn(m.type().name().toLowerCase(java.util.Locale.ROOT), m.toString(), List.of());
    }

    private static List<ChatCall.ToolCall> toolCalls(List<ToolExecutionRequest> requests) {
        if (requests == null || requests.isEmpty()) {
            return List.of();
        }
        List<ChatCall.ToolCall> calls = new ArrayList<>(requests.size());
        for (ToolExecutionRequest r : requests) {
            calls.add(new ChatCall.ToolCall(r.id(), r.name(), r.arguments()));
        }
        return calls;
    }

    /** @return what the cache stores of {@code response} */
    static ChatAnswer answer(ChatResponse response) {
        AiMessage ai = response.aiMessage();
        TokenUsage usage = response.tokenUsage();
        return new ChatAnswer(ai == null ? null : ai.text(), ai == null ? List.of() : toolCalls(ai.toolExecutionRequests()),
                response.finishReason() == null ? null : response.finishReason().name(),
                usage == null || usage.inputTokenCount() == null ? 0 : usage.inputTokenCount(),
                usage == null || usage.outputTokenCount() == null ? 0 : usage.outputTokenCount(),
                response.modelName());
    }

    /**
     * @return the response served for a hit: the stored message, the model that wrote it, and a token usage of 0
     *     (a hit consumed no tokens; what it saved is in the cache's savings)
     */
    static ChatResponse response(ChatAnswer answer) {
        List<ToolExecutionRequest> requests = new ArrayList<>(answer.toolCalls().size());
        for (ChatCall.ToolCall c : answer.toolCalls()) {
            requests.add(ToolExecutionRequest.builder().id(c.id()).name(c.name()).arguments(c.arguments()).build());
        }
        AiMessage message = requests.isEmpty() ? AiMessage.from(answer.text())
                : AiMessage.from(answer.text().isEmpty() ? null : answer.text(), requests);
        ChatResponse.Builder b = ChatResponse.builder().aiMessage(message).modelName(answer.model())
                .tokenUsage(new TokenUsage(0, 0));
        if (answer.finishReason() != null) {
            try {
                b.finishReason(FinishReason.valueOf(answer.finishReason()));
            } catch (IllegalArgumentException e) { // a reason this LangChain4j version does not name
                b.finishReason(FinishReason.OTHER);
            }
        }
        return b.build();
    }
}
