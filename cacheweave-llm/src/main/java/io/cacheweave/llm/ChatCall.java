package io.cacheweave.llm;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A call to a chat model reduced to what shapes its answer, in a form no framework owns. The LangChain4j decorator and
 * the Spring AI advisor each translate their request into one; {@link RequestKeys} renders it into cache keys.
 *
 * @param provider who serves the model ({@code openai}, {@code anthropic}, ...); part of the key
 * @param model the model's name as the provider knows it; part of the key and the name per-model TTLs and prices use
 * @param messages every message in order, the system prompt included
 * @param tools the tool definitions offered to the model, in the order given
 * @param options the request options that change the answer (temperature, top-p, max tokens, response format,
 *     stop sequences, seed, ...), by name; values are {@code null}, strings, numbers, booleans, enums, or lists and
 *     string-keyed maps of those. Anything else cannot be rendered and the call goes to the model uncached.
 */
public record ChatCall(String provider, String model, List<Turn> messages, List<Tool> tools, Map<String, ?> options) {

    /** Option names whose value is the sampling temperature, as the frameworks spell it. */
    public static final String TEMPERATURE = "temperature";

    public ChatCall {
        provider = provider == null || provider.isBlank() ? "unknown" : provider;
        model = model == null || model.isBlank() ? "unknown" : model;
        messages = List.copyOf(Objects.requireNonNull(messages, "messages must not be null"));
        tools = tools == null ? List.of() : List.copyOf(tools);
        options = options == null ? Map.of() : options;
    }

    /**
     * One message.
     *
     * @param role {@code system}, {@code user}, {@code assistant} or {@code tool}
     * @param text its text; may be empty (an assistant message that only calls tools)
     * @param toolCalls the tool calls an assistant message made, or the call a tool result answers
     */
    public record Turn(String role, String text, List<ToolCall> toolCalls) {
        public Turn {
            Objects.requireNonNull(role, "role must not be null");
            text = text == null ? "" : text;
            toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        }

        public static Turn system(String text) {
            return new Turn("system", text, List.of());
        }

        public static Turn user(String text) {
            return new Turn("user", text, List.of());
        }

        public static Turn assistant(String text) {
            return new Turn("assistant", text, List.of());
        }
    }

    /** A tool offered to the model: its name, description and JSON schema of its parameters. */
    public record Tool(String name, String description, String parametersSchema) {
    }

    /** A tool call made by the model, or answered by a tool message. */
    public record ToolCall(String id, String name, String arguments) {
    }

    /** @return the text of the last user message, or {@code null} when there is none */
    public String lastUserText() {
        int at = lastUserIndex();
        return at < 0 ? null : messages.get(at).text();
    }

    /** @return the index of the last user message, or -1 */
    int lastUserIndex() {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).role().equals("user")) {
                return i;
            }
        }
        return -1;
    }

    /** @return the requested temperature, or {@code null} when the request leaves it to the model's default */
    public Double temperature() {
        return options.get(TEMPERATURE) instanceof Number n ? n.doubleValue() : null;
    }
}
