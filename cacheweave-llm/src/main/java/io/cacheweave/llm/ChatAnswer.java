package io.cacheweave.llm;

import java.util.List;

/**
 * What the cache stores for a call: the model's answer in a form no framework owns, so it is typed in the shared tier
 * (no class names in the payload) and either adapter can serve it.
 *
 * @param text the answer's text (the concatenation of a stream's parts)
 * @param toolCalls the tool calls the model asked for, in order
 * @param finishReason why the model stopped ({@code STOP}, {@code LENGTH}, {@code TOOL_EXECUTION}, ...), or null
 * @param inputTokens the tokens the original call consumed, from the response's usage metadata (0 when unknown)
 * @param outputTokens the tokens the original call produced (0 when unknown)
 * @param model the model that answered (the response's own model name, which may be more precise than the request's)
 */
public record ChatAnswer(String text, List<ChatCall.ToolCall> toolCalls, String finishReason, long inputTokens,
        long outputTokens, String model) {

    public ChatAnswer {
        text = text == null ? "" : text;
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        inputTokens = Math.max(0, inputTokens);
        outputTokens = Math.max(0, outputTokens);
    }
}
